"""The one error a legacy page can raise: which field, which line, why."""

FIELD_LABELS = {
    "file": "ไฟล์",
    "date": "วันที่เผยแพร่",
    "title": "หัวข้อข่าว",
    "byline": "ข่าวโดย",
    "editor": "บรรณาธิการ",
    "agency": "หน่วยงาน",
    "reads": "อ่าน",
    "end": "ท้ายหน้า",
}


class LegacyPageError(ValueError):
    """A page that cannot be imported. `line` is 1-based, or None for the whole
    file (empty, binary, undecodable)."""

    def __init__(self, field, line, reason):
        self.field = field
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self):
        label = FIELD_LABELS.get(self.field, self.field)
        where = f"บรรทัด {self.line}: " if self.line else ""
        return f"{where}{label}: {self.reason}"

    def __reduce__(self):
        return type(self), (self.field, self.line, self.reason)
