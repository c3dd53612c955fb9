"""The desk's photo panel rows: one small form a photo, prefixed by its id."""

from django import forms

ALT_HELP = "บอกสิ่งที่เห็นในภาพสำหรับผู้ใช้โปรแกรมอ่านหน้าจอ เช่น ใครทำอะไรที่ไหน"


class PhotoForm(forms.Form):
    """One row of the panel; the prefix is the photo's id."""

    alt = forms.CharField(
        label="คำอธิบายภาพ (จำเป็น)",
        max_length=300,
        help_text=ALT_HELP,
        error_messages={"required": "กรุณาใส่คำอธิบายภาพ"},
    )
    caption = forms.CharField(label="คำบรรยายภาพ", max_length=500, required=False)
    credit = forms.CharField(
        label="ผู้ถ่ายภาพ",
        max_length=200,
        required=False,
        help_text="แสดงใต้ภาพเป็น “ภาพ: …”",
    )
    position = forms.IntegerField(
        label="ลำดับ",
        min_value=1,
        max_value=999,
        error_messages={"required": "กรุณาใส่ลำดับภาพ"},
    )


def photo_forms(article, data=None):
    """A form for each photo of the article, in its order."""
    rows = []
    for number, photo in enumerate(article.photos.all(), 1):
        initial = {
            "alt": photo.alt,
            "caption": photo.caption,
            "credit": photo.credit,
            "position": number,
        }
        form = PhotoForm(data, prefix=f"photo-{photo.pk}", initial=initial)
        form.photo = photo
        rows.append(form)
    return rows
