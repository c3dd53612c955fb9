"""The eight provinces of Region 3, as the site's menu and /province/<slug>/ name
them. An agency knows its province by its Thai name (Agency.province); a
province's page lists its own offices (ส.ปชส. and สวท.), not the regional ones
that happen to sit in Chiang Mai."""

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from articles.models import Agency


@dataclass(frozen=True)
class Province:
    slug: str
    name: str

    def get_absolute_url(self):
        return reverse("articles:province", kwargs={"slug": self.slug})

    def agencies(self):
        return Agency.objects.filter(
            province=self.name, kind__in=PROVINCE_KINDS, is_active=True
        )


PROVINCE_KINDS = (Agency.Kind.PROVINCIAL, Agency.Kind.RADIO)
PROVINCES = [
    Province("chiang-mai", "เชียงใหม่"),
    Province("lamphun", "ลำพูน"),
    Province("lampang", "ลำปาง"),
    Province("mae-hong-son", "แม่ฮ่องสอน"),
    Province("chiang-rai", "เชียงราย"),
    Province("phayao", "พะเยา"),
    Province("phrae", "แพร่"),
    Province("nan", "น่าน"),
]
_BY_SLUG = {province.slug: province for province in PROVINCES}
_BY_NAME = {province.name: province for province in PROVINCES}


def province_or_404(slug):
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise Http404("ไม่พบจังหวัด") from None


def province_of(agency):
    """The province page an agency's news appears on, or None (regional offices)."""
    if agency.kind not in PROVINCE_KINDS:
        return None
    return _BY_NAME.get(agency.province)
