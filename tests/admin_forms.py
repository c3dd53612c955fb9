"""Read a Django admin form's fields as the browser would post them."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            if "multiple" not in attrs:  # an empty multiple select posts nothing
                self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def admin_form_data(client, url):
    """The values of the form at `url` (GET), ready to post back."""
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    parser.data.pop("_save", None)
    parser.data["_save"] = "Save"
    # A textarea's content starts after a newline the browser drops.
    return {k: v[1:] if v.startswith("\n") else v for k, v in parser.data.items()}
