"""The editors' desk: every view is login-only and scoped to the editor's
agencies (all agencies for a superuser). Another agency's article is a 404."""

from articles.models import Agency, Article


def editor_agencies(user):
    if user.is_superuser:
        return Agency.objects.filter(is_active=True)
    return user.agencies.all()


def editor_articles(user):
    """The articles `user` may see and change on the desk."""
    if user.is_superuser:
        return Article.objects.all()
    return Article.objects.for_agencies(user.agencies.all())
