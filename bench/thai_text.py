"""Varied Thai news text for the benchmark data: titles, leads, bodies, bylines.

Sentences are assembled from phrase lists in the register of the Region 3
offices' news, so that pages, search and segmentation see realistic Thai rather
than one repeated paragraph. Deterministic for a given random.Random.
"""

from django.utils.html import escape

PROVINCES = ["เชียงใหม่", "ลำพูน", "ลำปาง", "แม่ฮ่องสอน", "เชียงราย", "พะเยา", "แพร่", "น่าน"]
PEOPLE = [
    "ผู้ว่าราชการจังหวัด", "รองผู้ว่าราชการจังหวัด", "นายอำเภอเมือง",
    "ปลัดจังหวัด", "นายกองค์การบริหารส่วนจังหวัด", "ประชาสัมพันธ์จังหวัด",
    "ผู้อำนวยการสถานีวิทยุกระจายเสียงแห่งประเทศไทย", "หัวหน้าส่วนราชการ",
    "ผู้บัญชาการเรือนจำ", "สาธารณสุขจังหวัด", "เกษตรจังหวัด", "พาณิชย์จังหวัด",
    "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา", "นายกเทศมนตรีนคร",
]  # fmt: skip
ACTIONS = [
    "เป็นประธานเปิดงาน", "ลงพื้นที่ตรวจเยี่ยม", "มอบถุงยังชีพให้แก่", "ประชุมติดตาม",
    "รณรงค์ป้องกัน", "ร่วมพิธีทำบุญ", "มอบนโยบายแก่", "ตรวจติดตามความคืบหน้า",
    "แถลงข่าวการจัดงาน", "ต้อนรับคณะผู้บริหาร", "ประกาศเขตการให้ความช่วยเหลือ",
    "เชิญชวนประชาชนร่วม", "ขับเคลื่อนโครงการ", "ส่งเสริมการจำหน่าย",
]  # fmt: skip
SUBJECTS = [
    "เทศกาลดอกไม้ผลิบาน", "ผู้ประสบภัยหนาว", "ไฟป่าและหมอกควัน", "ฝุ่นละออง PM 2.5",
    "โครงการหนึ่งตำบลหนึ่งผลิตภัณฑ์", "ตลาดนัดชุมชน", "ประเพณียี่เป็ง", "งานลอยกระทง",
    "การฉีดวัคซีนไข้หวัดใหญ่", "ไข้เลือดออก", "ผู้สูงอายุและผู้พิการ", "เกษตรกรผู้ปลูกลำไย",
    "ข้าวหอมมะลิ", "กาแฟอาราบิก้า", "การท่องเที่ยวเชิงวัฒนธรรม", "ศูนย์ดำรงธรรม",
    "การเลือกตั้งท้องถิ่น", "อุทกภัยและดินโคลนถล่ม", "ภัยแล้ง", "ยาเสพติดในสถานศึกษา",
    "ถนนสายหลักระหว่างอำเภอ", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "ชาวต่างชาติ",
    "นักเรียนทุนพระราชทาน", "ผ้าทอพื้นเมือง", "สินค้าเกษตรปลอดภัย",
]  # fmt: skip
PLACES = [
    "ศาลากลางจังหวัด", "หอประชุมอำเภอ", "ลานหน้าที่ว่าการอำเภอ", "สวนสาธารณะหนองบวกหาด",
    "วัดพระธาตุดอยสุเทพ", "กว๊านพะเยา", "ตลาดต้นลำไย", "ศูนย์ประชุมนานาชาติ",
    "โรงเรียนบ้านห้วยทราย", "องค์การบริหารส่วนตำบลแม่ริม", "สนามกีฬากลางจังหวัด",
]  # fmt: skip
CLAUSES = [
    "โดยมีหัวหน้าส่วนราชการ ภาคเอกชน และประชาชนร่วมงานเป็นจำนวนมาก",
    "ทั้งนี้เพื่อให้ประชาชนได้รับข้อมูลข่าวสารอย่างทั่วถึงและทันเหตุการณ์",
    "ซึ่งคาดว่าจะมีนักท่องเที่ยวทั้งชาวไทยและชาวต่างชาติเดินทางมาร่วมงานกว่าหนึ่งแสนคน",
    "พร้อมกันนี้ได้กำชับให้ทุกหน่วยงานบูรณาการการทำงานร่วมกันอย่างใกล้ชิด",
    "อีกทั้งยังเป็นการสร้างรายได้ให้แก่ชุมชนและกระตุ้นเศรษฐกิจในพื้นที่",
    "สำหรับผู้ที่สนใจสามารถสอบถามรายละเอียดเพิ่มเติมได้ที่สำนักงานประชาสัมพันธ์จังหวัด",
    "ในการนี้ได้มอบเงินช่วยเหลือและสิ่งของจำเป็นแก่ผู้ได้รับผลกระทบ",
    "ที่ประชุมได้พิจารณาแนวทางการแก้ไขปัญหาและกำหนดมาตรการเร่งด่วน",
    "เจ้าหน้าที่ได้ตั้งจุดบริการประชาชนตลอดยี่สิบสี่ชั่วโมง",
    "โดยขอความร่วมมือประชาชนงดการเผาในที่โล่งทุกชนิด",
    "ภายในงานมีการแสดงศิลปวัฒนธรรมล้านนาและการจำหน่ายสินค้าพื้นเมือง",
    "ซึ่งได้รับความสนใจจากเยาวชนและผู้ปกครองเป็นอย่างดี",
    "ทั้งนี้ได้ดำเนินการตามนโยบายของรัฐบาลอย่างเคร่งครัด",
    "และจะมีการติดตามประเมินผลการดำเนินงานทุกไตรมาส",
]  # fmt: skip
FIRST_NAMES = [
    "สมชาย", "สมศรี", "วิไลวรรณ", "ประเสริฐ", "กาญจนา", "ธนพล", "อรุณี", "พงศกร",
    "นภัสสร", "บุญเรือง", "จันทร์เพ็ญ", "ศักดิ์ชัย", "มาลัย", "วรวุฒิ", "สุนันทา",
]  # fmt: skip
LAST_NAMES = [
    "ใจดี", "ศรีสุข", "คำมูล", "อินทร์แก้ว", "ปัญญาดี", "วงศ์ไชย", "ทองคำ", "บุญมา",
    "แสนเมือง", "ธรรมวงค์", "กันทะวงศ์", "สุริยะ",
]  # fmt: skip
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def person(rng):
    title = rng.choice(["นาย", "นาง", "นางสาว"])
    return f"{title}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def headline(rng, province):
    who = rng.choice(PEOPLE)
    if who.endswith("จังหวัด"):
        who += province
    year = rng.randint(2557, 2569)
    return f"{who}{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)} ประจำปี {year}"


def sentence(rng, province):
    place = rng.choice(PLACES)
    number = rng.randint(2, 4000)
    if rng.random() < 0.2:  # some pages write numbers in Thai digits
        number = "".join(THAI_DIGITS[int(d)] for d in str(number))
    parts = [
        f"{person(rng)} {rng.choice(PEOPLE)}{province}",
        f"{rng.choice(ACTIONS)}{rng.choice(SUBJECTS)} ณ {place} จังหวัด{province}",
        f"มีผู้เข้าร่วมกว่า {number} คน",
        rng.choice(CLAUSES),
    ]
    if rng.random() < 0.5:
        parts.append(rng.choice(CLAUSES))
    return " ".join(parts)


def lead(rng, title, province):
    """Like the legacy pages: absent, the headline again, or a longer summary."""
    roll = rng.random()
    if roll < 0.2:
        return ""
    if roll < 0.5:
        return f"<p>{escape(title)}</p>"
    return f"<p>{escape(sentence(rng, province))}</p>"


def body(rng, province, target_bytes, max_bytes=20 * 1024):
    """Paragraphs (with the odd heading or list) until target_bytes, never past
    max_bytes."""
    chunks, size = [], 0
    while size < target_bytes:
        roll = rng.random()
        if roll < 0.06:
            chunk = f"<h3>{escape(rng.choice(SUBJECTS))}</h3>"
        elif roll < 0.1:
            items = "".join(f"<li>{escape(rng.choice(CLAUSES))}</li>" for _ in range(3))
            chunk = f"<ul>{items}</ul>"
        else:
            sentences = [sentence(rng, province) for _ in range(rng.randint(1, 3))]
            chunk = f"<p>{escape(' '.join(sentences))}</p>"
        length = len(chunk.encode())
        if size + length > max_bytes:
            break
        chunks.append(chunk)
        size += length
    return "".join(chunks)
