"""Starting text of the office's own pages, created by seed_demo when missing.

Each body is the HTML file of the page's slug beside this module. Admins edit
the pages afterwards in the Django admin; seed_demo never overwrites one. The
cookie policy (cookies.html) lists every cookie the site sets.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

TITLES = {
    "privacy": "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
    "cookies": "นโยบายคุกกี้",
    "website-policy": "นโยบายเว็บไซต์",
    "accessibility": "การเข้าถึงเว็บไซต์",
    "contact": "ติดต่อเรา",
}


def demo_pages():
    """[{"slug", "title", "body"}] of the office's pages."""
    return [
        {
            "slug": slug,
            "title": title,
            "body": (HERE / f"{slug}.html").read_text(encoding="utf-8"),
        }
        for slug, title in TITLES.items()
    ]
