"""The desk's forms for an article's video and PDF attachments (Thai errors).

The forms check what is typed; the services (articles/services/video.py and
documents.py) check the address and the file's bytes and say why they refuse.
"""

from django import forms

from articles.services.documents import MAX_BYTES, TITLE_LENGTH
from articles.video import MAX_LENGTH


class VideoForm(forms.Form):
    video_url = forms.CharField(
        label="ที่อยู่วิดีโอ YouTube หรือ Facebook",
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.URLInput(
            attrs={
                "placeholder": "https://www.youtube.com/watch?v=…",
                "inputmode": "url",
            }
        ),
        help_text=(
            "วางที่อยู่ของวิดีโอจากแถบที่อยู่หรือปุ่มแชร์ วิดีโอจะแสดงต่อจากเนื้อข่าว "
            "เว้นว่างแล้วบันทึกเพื่อนำวิดีโอออก (โค้ดฝังวิดีโอในเนื้อข่าวจะถูกตัดออก)"
        ),
        error_messages={
            "max_length": "ที่อยู่วิดีโอยาวได้ไม่เกิน %(limit_value)d ตัวอักษร",
            "null_characters_not_allowed": "มีอักขระที่ใช้ไม่ได้ โปรดวางที่อยู่ใหม่",
        },
    )


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="ชื่อเอกสาร",
        max_length=TITLE_LENGTH,
        help_text="ชื่อที่ผู้อ่านเห็นในรายการ เช่น ประกาศรับสมัคร หรือ กำหนดการ",
        error_messages={
            "required": "กรุณาใส่ชื่อเอกสาร เช่น ประกาศรับสมัคร หรือ กำหนดการ",
            "max_length": "ชื่อเอกสารยาวได้ไม่เกิน %(limit_value)d ตัวอักษร",
            "null_characters_not_allowed": "มีอักขระที่ใช้ไม่ได้ โปรดพิมพ์ชื่อใหม่",
        },
    )
    file = forms.FileField(
        label="ไฟล์ PDF",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=f"เฉพาะไฟล์ PDF ไม่เกิน {MAX_BYTES // (1024 * 1024)} MB ต่อไฟล์",
        error_messages={
            "required": "กรุณาเลือกไฟล์ PDF",
            "empty": "ไฟล์ว่างเปล่า",
            "invalid": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง",
            "missing": "ไม่ได้รับไฟล์ โปรดเลือกไฟล์อีกครั้ง",
        },
    )
