/* The desk's small helpers (no inline script: the desk's CSP forbids it).
   - A button with data-confirm asks before it submits (unpublishing).
   - CKEditor's image dialog asks for alt text, in Thai, and requires it;
     its few strings left in English are given in Thai. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

(function () {
  // Deferred: CKEditor's own script (in the page body) has run by now.
  if (!window.CKEDITOR) { return; }
  var ALT = "คำอธิบายภาพสำหรับผู้พิการทางสายตา";
  CKEDITOR.on("instanceLoaded", function (event) {
    var lang = event.editor.lang;
    if (lang.format) { lang.format.tag_p = "ปกติ"; }
    if (lang.image) {
      lang.image.urlMissing = "ยังไม่มีที่อยู่ของภาพ (URL)";
      lang.image.alt = ALT;
    }
  });
  CKEDITOR.on("dialogDefinition", function (event) {
    if (event.data.name !== "image") { return; }
    var info = event.data.definition.getContents("info");
    var alt = info && info.get("txtAlt");
    if (alt) {
      alt.label = ALT;
      alt.validate = function () {
        if (!this.getValue().trim()) {
          window.alert("กรุณาใส่" + ALT);
          return false;
        }
        return true;
      };
    }
    event.data.definition.minWidth = Math.min(event.data.definition.minWidth || 420, 300);
  });
})();
