/* Inside the visual-editing drawer: give every rich text editor the name of its field, so a
   screen reader says which text it is in ("Paragraph", "Cautions") rather than just "edit text". */
(function () {
  "use strict";

  function fieldName(editor) {
    var field = editor.closest(".w-field");
    var label = field && field.querySelector(".w-field__label, label");
    if (label && label.textContent.trim()) {
      return label.textContent.replace("*", "").trim();
    }
    var child = editor.closest("[data-streamfield-child]");
    var type = child && child.querySelector(".c-sf-block__type");
    return type ? type.textContent.trim() : "Text";
  }

  function nameEditors(root) {
    root.querySelectorAll('[contenteditable="true"][role="textbox"]').forEach(function (editor) {
      if (!editor.hasAttribute("aria-label") && !editor.hasAttribute("aria-labelledby")) {
        editor.setAttribute("aria-label", fieldName(editor));
      }
    });
  }

  function start() {
    nameEditors(document);
    new MutationObserver(function () {
      nameEditors(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
