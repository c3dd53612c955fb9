from django.db import models

from articles.models.articles import Article


class ReadTotal(models.Model):
    """An article's read counter, kept out of the row editors save."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="reads"
    )
    total = models.PositiveBigIntegerField("จำนวนการอ่าน", default=0)

    class Meta:
        verbose_name = "ยอดอ่าน"
        verbose_name_plural = "ยอดอ่าน"

    def __str__(self):
        return f"{self.article_id}: {self.total}"


class DailyRead(models.Model):
    """Reads of one article on one Asia/Bangkok day, for most-read and statistics."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="daily_reads"
    )
    day = models.DateField("วันที่")
    count = models.PositiveIntegerField("จำนวนการอ่าน", default=0)

    class Meta:
        verbose_name = "ยอดอ่านรายวัน"
        verbose_name_plural = "ยอดอ่านรายวัน"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_read_unique")
        ]
        indexes = [models.Index(fields=["day", "article"], name="daily_read_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


class ReadFlush(models.Model):
    """A batch of buffered reads applied to the counters, so it is applied once."""

    batch = models.CharField(max_length=64, unique=True)
    reads = models.PositiveBigIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "รอบบันทึกยอดอ่าน"
        verbose_name_plural = "รอบบันทึกยอดอ่าน"

    def __str__(self):
        return f"{self.batch}: {self.reads}"
