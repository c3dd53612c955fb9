"""Desk forms. Every error is in Thai, next to the field it concerns."""

from datetime import timedelta

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone

from articles.fields import BuddhistDateTimeField, BuddhistDateTimeInput
from articles.models import Agency, Article, Topic


class ThaiCKEditorWidget(CKEditorWidget):
    """CKEditor in Thai; django-ckeditor would follow the request's language."""

    def _set_config(self):
        super()._set_config()
        self.config["language"] = getattr(settings, "CKEDITOR_LANGUAGE", "th")


# Further ahead than this is a mistake, such as a Buddhist-Era year (2568) typed
# where the Christian-Era one (2025) belongs.
MAX_SCHEDULE_AHEAD = timedelta(days=366)
BAD_VERSION = "ข้อมูลรุ่นของข่าวไม่ถูกต้อง โปรดเปิดข่าวนี้ใหม่อีกครั้ง"
NULL_CHARACTERS = "มีอักขระที่ใช้ไม่ได้ (null) โปรดพิมพ์ข้อความนี้ใหม่"


class RichTextField(forms.CharField):
    """HTML from CKEditor; null characters go (they are never meaningful text)
    and the sanitizer cleans the rest when the article is stored."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


def _text_errors(**messages):
    return {"null_characters_not_allowed": NULL_CHARACTERS, **messages}


class ArticleForm(forms.Form):
    """The content of an article. Status and time change through desk actions."""

    title = forms.CharField(
        label="หัวข้อข่าว",
        max_length=500,
        error_messages=_text_errors(
            required="กรุณากรอกหัวข้อข่าว",
            max_length="หัวข้อข่าวยาวได้ไม่เกิน %(limit_value)d ตัวอักษร (ตอนนี้ %(show_value)d)",
        ),
    )
    lead = RichTextField(
        label="ความนำ",
        required=False,
        widget=ThaiCKEditorWidget(config_name="lead"),
        help_text="สรุปข่าวสั้น ๆ (ไม่บังคับ)",
    )
    body = RichTextField(
        label="เนื้อข่าว",
        required=False,
        widget=ThaiCKEditorWidget(config_name="default"),
    )
    agency = forms.ModelChoiceField(
        label="หน่วยงาน",
        queryset=Agency.objects.none(),
        empty_label=None,
        error_messages={
            "required": "กรุณาเลือกหน่วยงาน",
            "invalid_choice": "คุณไม่ได้เป็นบรรณาธิการของหน่วยงานที่เลือก",
        },
    )
    byline = forms.CharField(
        label="ข่าวโดย",
        max_length=200,
        required=False,
        help_text="เช่น ทีมข่าว ปชส.พะเยา",
        error_messages=_text_errors(max_length="ยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
    )
    editor_name = forms.CharField(
        label="บรรณาธิการ",
        max_length=200,
        required=False,
        help_text="เว้นว่างไว้ได้: หน้าข่าวจะแสดงชื่อบรรณาธิการผู้อนุมัติเอง",
        error_messages=_text_errors(max_length="ยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
    )
    topics = forms.ModelMultipleChoiceField(
        label="หัวข้อข่าว",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "ไม่พบหัวข้อข่าวที่เลือก โปรดเลือกใหม่"},
    )
    is_featured = forms.BooleanField(
        label="ข่าวเด่น (ขึ้นเป็นข่าวนำบนหน้าแรก)",
        required=False,
        help_text="ข่าวเด่นที่เผยแพร่ล่าสุดจะขึ้นเป็นข่าวนำ",
    )
    # Asked only when the article is published (see __init__).
    change_kind = forms.ChoiceField(
        label="การแก้ไขครั้งนี้",
        choices=[
            ("fix", "แก้ไขเล็กน้อย (คำผิด รูปแบบ) ไม่ต้องแจ้งผู้อ่าน"),
            ("correction", "แก้ไขข้อเท็จจริง แจ้งผู้อ่านใต้วันที่ของข่าว"),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial="fix",
    )
    correction_note = forms.CharField(
        label="หมายเหตุการแก้ไข (แสดงต่อผู้อ่าน)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # The version the editor loaded; a stale one means someone saved meanwhile.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), BAD_VERSION),
    )

    def __init__(self, *args, agencies, request=None, article=None, **kwargs):
        if article is not None and "initial" not in kwargs:
            kwargs["initial"] = self.values_of(article)
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["agency"].queryset = agencies
        if article is not None:
            # The article's own agency stays valid even for a superuser's list.
            self.fields["agency"].queryset = (
                agencies | Agency.objects.filter(pk=article.agency_id)
            ).distinct()
            self.fields["version"].required = True
        if request is not None:
            self._configure_uploads(request, article)

    @staticmethod
    def values_of(article):
        """The form's values for the article as stored."""
        return {
            "title": article.title,
            "lead": article.lead,
            "body": article.body,
            "agency": article.agency_id,
            "byline": article.author.byline if article.author_id else "",
            "editor_name": article.editor_name,
            "topics": list(article.topics.all()),
            "is_featured": article.is_featured,
            "version": article.version,
        }

    def _configure_uploads(self, request, article):
        """Per request: where CKEditor posts images, with the CSRF header."""
        for name in ("lead", "body"):
            widget = self.fields[name].widget
            widget.config = dict(widget.config)
            widget.config["fileTools_requestHeaders"] = {
                "X-CSRFToken": get_token(request)
            }
            if article is None:
                # A photo belongs to an article: upload once the draft is saved.
                continue
            url = reverse("desk:photo-upload", kwargs={"pk": article.pk})
            widget.config["filebrowserImageUploadUrl"] = url
            widget.config["filebrowserUploadUrl"] = url
            widget.config["uploadUrl"] = url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("change_kind") == "correction":
            if not " ".join(cleaned.get("correction_note", "").split()):
                self.add_error(
                    "correction_note",
                    "การแก้ไขข้อเท็จจริงต้องมีหมายเหตุที่จะแสดงต่อผู้อ่าน",
                )
        return cleaned

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("กรุณากรอกหัวข้อข่าว")
        return title


class ScheduleForm(forms.Form):
    """A future publication time, typed in Bangkok time and the Buddhist Era."""

    published_at = BuddhistDateTimeField(
        label="เวลาเผยแพร่ (เวลาประเทศไทย ปี พ.ศ.)",
        # Outside the edit form on the page, but submitted with it.
        widget=BuddhistDateTimeInput(attrs={"form": "article-form"}),
        error_messages={"required": "กรุณาระบุวันและเวลาที่จะเผยแพร่"},
    )

    def clean_published_at(self):
        value = self.cleaned_data["published_at"]
        now = timezone.now()
        if value <= now:
            raise forms.ValidationError("เวลาเผยแพร่ต้องเป็นเวลาในอนาคต")
        if value > now + MAX_SCHEDULE_AHEAD:
            raise forms.ValidationError("ตั้งเวลาเผยแพร่ล่วงหน้าได้ไม่เกิน 1 ปี")
        return value


class EndForm(forms.Form):
    """When a published article stops being public (optional; editors only)."""

    unpublish_at = BuddhistDateTimeField(
        label="สิ้นสุดการเผยแพร่ (ไม่บังคับ ปี พ.ศ.)",
        required=False,
        widget=BuddhistDateTimeInput(attrs={"form": "article-form"}),
        help_text="เช่น ประกาศรับสมัครที่หมดเขต หลังเวลานี้ข่าวจะไม่แสดงต่อสาธารณะเอง",
    )

    def clean_unpublish_at(self):
        value = self.cleaned_data["unpublish_at"]
        if value is not None and value <= timezone.now():
            raise forms.ValidationError("เวลาสิ้นสุดการเผยแพร่ต้องเป็นเวลาในอนาคต")
        return value


STATUS_FILTERS = [
    ("", "ทุกสถานะ"),
    (Article.Status.DRAFT, Article.Status.DRAFT.label),
    (Article.Status.SUBMITTED, Article.Status.SUBMITTED.label),
    (Article.Status.RETURNED, Article.Status.RETURNED.label),
    ("scheduled", "ตั้งเวลาเผยแพร่"),
    (Article.Status.PUBLISHED, Article.Status.PUBLISHED.label),
    (Article.Status.UNPUBLISHED, Article.Status.UNPUBLISHED.label),
]


class DeskFilterForm(forms.Form):
    status = forms.ChoiceField(label="สถานะ", choices=STATUS_FILTERS, required=False)
    mine = forms.BooleanField(label="เฉพาะข่าวของฉัน", required=False)
