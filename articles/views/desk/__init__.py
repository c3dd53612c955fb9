"""The editors' desk: every view is login-only and scoped by the user's roles
(accounts.permissions): editors see their agencies' articles, reporters their
own. An article outside that is a 404; an editor action by a reporter a 403."""

from accounts.permissions import member_agencies, visible_articles


def editor_agencies(user):
    """The agencies `user` may write for (the form's choices)."""
    return member_agencies(user)


def editor_articles(user):
    """The articles `user` may see on the desk."""
    return visible_articles(user)
