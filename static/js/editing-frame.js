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

  // The admin's scripts draw each stream and list field into an empty placeholder, with the
  // hidden counts the server reads; a save pressed before that would send the form without
  // them. Such a save waits until every field is drawn (a few tenths of a second at most).
  function undrawnFields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll('[data-controller~="w-block"]'),
      function (placeholder) {
        return placeholder.childElementCount === 0;
      }
    );
  }

  var WAIT_STEP_MS = 100;
  var WAIT_LIMIT_MS = 10000;

  function holdEarlySaves() {
    document.addEventListener(
      "submit",
      function (event) {
        var form = event.target;
        if (form.dataset.veSendAsIs || !undrawnFields(form).length) {
          return;
        }
        event.preventDefault();
        if (form.dataset.veWaiting) {
          return; // pressed again while waiting: the first press is sent
        }
        form.dataset.veWaiting = "1";
        var submitter = event.submitter;
        var waited = 0;
        var timer = setInterval(function () {
          waited += WAIT_STEP_MS;
          if (!undrawnFields(form).length || waited >= WAIT_LIMIT_MS) {
            // Past the limit the server answers that the form was incomplete: nothing is lost
            // silently.
            clearInterval(timer);
            form.dataset.veSendAsIs = "1";
            HTMLFormElement.prototype.requestSubmit.call(form, submitter || undefined);
          }
        }, WAIT_STEP_MS);
      },
      true
    );
  }

  function start() {
    holdEarlySaves();
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
