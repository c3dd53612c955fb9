from django.db import models

from articles.models.articles import Article


class MostRead(models.Model):
    """One line of the public ยอดนิยม block as last computed off the request path
    (articles/services/most_read.py): the page reads these rows, never the reads."""

    day = models.DateField("วันที่ (เวลาประเทศไทย)")
    days = models.PositiveSmallIntegerField("ช่วงวัน")  # 1: today, 7: the last 7 days
    rank = models.PositiveSmallIntegerField("อันดับ")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    reads = models.PositiveBigIntegerField("ยอดอ่านในช่วง")

    class Meta:
        verbose_name = "ข่าวยอดนิยม"
        verbose_name_plural = "ข่าวยอดนิยม"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "days", "rank"], name="most_read_unique"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.days} #{self.rank}: {self.article_id}"


class MostReadState(models.Model):
    """The one row saying when the lists were last computed, and locked while
    they are, so two workers never write them at once."""

    day = models.DateField(null=True)  # the Bangkok day the lists are of
    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "รอบคำนวณข่าวยอดนิยม"
        verbose_name_plural = "รอบคำนวณข่าวยอดนิยม"
