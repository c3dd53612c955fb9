"""Breadcrumbs: where a page sits, for its trail and its BreadcrumbList."""

from django.urls import reverse

from articles.provinces import province_of

HOME = "หน้าแรก"


def agency_crumbs(agency):
    crumbs = [{"name": HOME, "url": reverse("articles:home")}]
    province = province_of(agency)
    if province is not None:
        crumbs.append(
            {"name": f"จังหวัด{province.name}", "url": province.get_absolute_url()}
        )
    crumbs.append({"name": agency.short_name, "url": agency.get_absolute_url()})
    return crumbs
