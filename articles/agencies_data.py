"""The agencies of PR Region 3 (PRODUCT.md, "Agencies of Region 3")."""

REGION3_ADDRESS = "49 ถนนประชาสัมพันธ์ ต.ช้างคลาน อ.เมือง เชียงใหม่ 50100"

# (slug part, Thai province name)
PROVINCES = [
    ("chiangmai", "เชียงใหม่"),
    ("lamphun", "ลำพูน"),
    ("lampang", "ลำปาง"),
    ("maehongson", "แม่ฮ่องสอน"),
    ("chiangrai", "เชียงราย"),
    ("phayao", "พะเยา"),
    ("phrae", "แพร่"),
    ("nan", "น่าน"),
]


def region3_agencies():
    """Field values of every Region 3 agency, keyed by nothing but their slug."""
    rows = [
        {
            "slug": "region3",
            "short_name": "สปข.3",
            "full_name": "สำนักประชาสัมพันธ์เขต 3",
            "byline_name": "สปข.3",
            "kind": "regional",
            "province": "เชียงใหม่",
            "address": REGION3_ADDRESS,
            "phone": "0-5328-3734",
            "fax": "0-5328-3738",
        },
        {
            "slug": "nbt-north",
            "short_name": "NBT North",
            "full_name": "สถานีวิทยุโทรทัศน์แห่งประเทศไทย ภาคเหนือ (NBT North)",
            "byline_name": "NBT North",
            "kind": "tv",
            "province": "เชียงใหม่",
        },
    ]
    for slug, province in PROVINCES:
        rows.append(
            {
                "slug": f"pr-{slug}",
                "short_name": f"ส.ปชส.{province}",
                "full_name": f"สำนักงานประชาสัมพันธ์จังหวัด{province}",
                "byline_name": f"ปชส.{province}",
                "kind": "provincial",
                "province": province,
            }
        )
        rows.append(
            {
                "slug": f"radio-{slug}",
                "short_name": f"สวท.{province}",
                "full_name": f"สถานีวิทยุกระจายเสียงแห่งประเทศไทย จังหวัด{province}",
                "byline_name": f"สวท.{province}",
                "kind": "radio",
                "province": province,
            }
        )
    return rows
