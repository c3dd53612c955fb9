"""Photos of the demo news: drawn scenes (articles/demo_scenes.py) with alt
text, captions and credits, on more than a third of the demo articles."""

from functools import cache

from django.core.files.base import ContentFile

from articles.demo_scenes import scene_jpeg
from articles.models import Article
from articles.photo_images import photo_renditions
from articles.services.photos import photo_store

# Title of the demo article: its credit and its photos (scene, alt, caption),
# the first the lead photo.
DEMO_PHOTOS = {
    "ผู้ว่าราชการจังหวัดเชียงใหม่เปิดงานเทศกาลดอกไม้ผลิบาน ประจำปี": (
        "ประชาสัมพันธ์จังหวัดเชียงใหม่",
        [
            ("flowers", "ทุ่งดอกไม้หลากสีเชิงเขา มีผู้คนเดินชม", "ทุ่งดอกไม้ในงานเทศกาล"),
            ("ceremony", "ผู้ว่าราชการจังหวัดและคณะบนเวที", "พิธีเปิดงานบนเวทีกลาง"),
            ("market", "ซุ้มร้านค้าหลังคาสีแดง ขาว น้ำเงิน", "ซุ้มจำหน่ายพันธุ์ไม้และของที่ระลึก"),
        ],
    ),
    "เชียงใหม่เตรียมรับมือฝุ่นละอองขนาดเล็ก PM2.5 ช่วงฤดูแล้ง": (
        "สวท.เชียงใหม่",
        [("haze", "ตัวเมืองใต้ท้องฟ้าขมุกขมัวด้วยฝุ่น", "ฝุ่นควันปกคลุมตัวเมืองช่วงเช้า")],
    ),
    "ลำพูนจัดงานเทศกาลลำไยและของดีเมืองลำพูน": (
        "ประชาสัมพันธ์จังหวัดลำพูน",
        [
            ("market", "ซุ้มขายผลไม้เรียงกัน มีผู้คนเดินเลือกซื้อ", "ซุ้มลำไยและของดีแต่ละอำเภอ"),
            ("ceremony", "คณะผู้บริหารเรียงแถวบนเวที", "พิธีเปิดงานเทศกาลลำไย"),
        ],
    ),
    "ลำปางส่งเสริมการท่องเที่ยวเมืองรถม้า ดึงนักท่องเที่ยวช่วงวันหยุดยาว": (
        "ประชาสัมพันธ์จังหวัดลำปาง",
        [("building", "อาคารเก่าหลังคาสีแดงและนักท่องเที่ยว", "นักท่องเที่ยวชมย่านเมืองเก่า")],
    ),
    "พะเยาจัดกิจกรรมปล่อยพันธุ์ปลาคืนสู่กว๊านพะเยา": (
        "ประชาสัมพันธ์จังหวัดพะเยา",
        [
            ("lake", "เรือสองลำกลางกว๊าน มีภูเขาเป็นฉากหลัง", "ปล่อยพันธุ์ปลากลางกว๊านพะเยา"),
            ("ceremony", "ผู้ร่วมพิธีเรียงแถวบนเวที", "พิธีเปิดกิจกรรมริมกว๊าน"),
        ],
    ),
    "พะเยาเปิดศูนย์บริการประชาชนแบบเบ็ดเสร็จ ณ ศาลากลางจังหวัด": (
        "ประชาสัมพันธ์จังหวัดพะเยา",
        [("building", "อาคารศาลากลางและเสาธงชาติ", "ประชาชนมาใช้บริการที่ศาลากลาง")],
    ),
    "น่านจัดงานแข่งเรือยาวประเพณีประจำปี": (
        "ประชาสัมพันธ์จังหวัดน่าน",
        [
            ("boats", "เรือยาวสีแดงและสีน้ำเงินแข่งกันกลางแม่น้ำ", "เรือยาวเข้าเส้นชัยรอบชิงชนะเลิศ"),
            ("ceremony", "คณะกรรมการบนเวทีมอบรางวัล", "มอบถ้วยรางวัลแก่ทีมชนะเลิศ"),
            ("market", "ซุ้มร้านค้าริมแม่น้ำ", "ตลาดริมน้ำระหว่างการแข่งขัน"),
        ],
    ),
    "น่านส่งเสริมการปลูกป่าต้นน้ำร่วมกับชุมชน": (
        "สวท.น่าน",
        [("forest", "ชาวบ้านปลูกต้นไม้บนเนินเขา", "ชุมชนร่วมปลูกป่าต้นน้ำ")],
    ),
    "สำนักประชาสัมพันธ์เขต 3 จัดอบรมการผลิตข่าวสำหรับเจ้าหน้าที่ประชาสัมพันธ์": (
        "สำนักประชาสัมพันธ์เขต 3",
        [("classroom", "ผู้เข้าอบรมนั่งเรียงแถวหน้าจอฉายภาพ", "บรรยากาศการอบรม")],
    ),
    "น่านเชิญชวนเที่ยวดอยเสมอดาวชมทะเลหมอก": (
        "ประชาสัมพันธ์จังหวัดน่าน",
        [
            ("fog", "ทิวเขาซ้อนกันหลายชั้นยามเช้า", "ทะเลหมอกยามเช้าบนดอยเสมอดาว"),
            ("forest", "นักท่องเที่ยวเดินบนเนินที่มีต้นไม้", "เส้นทางเดินชมธรรมชาติ"),
        ],
    ),
    "แพร่ซ้อมแผนป้องกันและบรรเทาสาธารณภัยกรณีอุทกภัย": (
        "ประชาสัมพันธ์จังหวัดแพร่",
        [
            ("flood", "เรือกู้ภัยสีส้มกลางน้ำท่วมหน้าบ้านเรือน", "ซ้อมอพยพประชาชนทางเรือ"),
            ("classroom", "เจ้าหน้าที่ประชุมหน้าจอแผนที่", "ประชุมวางแผนก่อนการซ้อม"),
        ],
    ),
    "แม่ฮ่องสอนมอบเครื่องกันหนาวแก่ประชาชนบนพื้นที่สูง": (
        "ประชาสัมพันธ์จังหวัดแม่ฮ่องสอน",
        [("fog", "ทิวเขาซ้อนกันบนพื้นที่สูง", "หมู่บ้านบนพื้นที่สูงในฤดูหนาว")],
    ),
}


@cache
def _rendered(scene, seed):
    # The same drawn picture is rendered once per process, however often the
    # demo is seeded (the tests seed it many times).
    return photo_renditions(ContentFile(scene_jpeg(scene, seed), name=f"{scene}.jpg"))


def demo_photos_sync():
    """Give each listed demo article its photos if it has none yet (a site
    seeded before photos existed gets them too). Returns how many were added."""
    added = 0
    articles = Article.objects.filter(
        legacy_id__isnull=True, title__in=DEMO_PHOTOS, photos__isnull=True
    )
    for article in articles:
        credit, photos = DEMO_PHOTOS[article.title]
        for seed, (scene, alt, caption) in enumerate(photos):
            photo_store(
                rendered=_rendered(scene, seed),
                article=article,
                user=None,
                alt=alt,
                caption=caption,
                credit=credit,
            )
            added += 1
    return added
