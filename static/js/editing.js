/* Visual editing for signed-in editors (never sent to visitors: see editing/templatetags).
   Blocks are outlined with their label on hover and focus; the label button (or a click on the
   block) opens that block's form in a drawer beside the page. The drawer is a modal <dialog>
   holding an iframe from /admin/editing/: the page behind is inert while it is open, and focus
   returns to the block when it closes. Saving stores a draft revision and redraws the blocks in
   place; Publish is a separate button in the editing bar. */
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="clinic-editing"]');
  if (!meta) {
    return;
  }
  var config = JSON.parse(meta.getAttribute("content"));
  var FLASH_KEY = "clinic-editing-flash";
  var INTERACTIVE = "a, button, input, select, textarea, summary, iframe, video, audio, label";
  var drawer, frame, drawerTitle, opener, openerBlockId, pendingReload;
  var bar, status, publishButton;

  /* The element holding every block of the stream (blocks may sit in wrappers of their own). */
  function stream(doc) {
    var parts = (doc || document).querySelectorAll("[data-ve-block], .ve-insert");
    if (!parts.length) {
      return null;
    }
    var container = parts[0].parentElement;
    while (container && !container.contains(parts[parts.length - 1])) {
      container = container.parentElement;
    }
    return container;
  }

  function withRevision(url, extra) {
    var params = new URLSearchParams(extra || {});
    params.set("revision", config.revision === null ? "" : String(config.revision));
    return url + (url.indexOf("?") === -1 ? "?" : "&") + params.toString();
  }

  function announce(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function post(url, data) {
    var body = new URLSearchParams(data);
    body.set("revision", config.revision === null ? "" : String(config.revision));
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": config.csrfToken, "X-Requested-With": "fetch" },
      body: body,
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: "Something went wrong (" + response.status + "). Nothing was lost: reload the page and try again." };
      });
    });
  }

  /* Redraw the blocks from the latest draft, keeping the rest of the page as it is. */
  function redraw(focusBlockId, focusSelector) {
    return fetch(config.draftUrl, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = stream(doc);
        var current = stream();
        if (fresh && current) {
          current.replaceChildren.apply(
            current,
            Array.prototype.map.call(fresh.childNodes, function (node) {
              return document.importNode(node, true);
            })
          );
        }
        var freshMeta = doc.querySelector('meta[name="clinic-editing"]');
        if (freshMeta) {
          config.revision = JSON.parse(freshMeta.getAttribute("content")).revision;
        }
        config.hasDraft = true;
        updateBar();
        focusBlock(focusBlockId, focusSelector);
      });
  }

  function focusBlock(blockId, selector) {
    if (!blockId) {
      return;
    }
    var block = document.querySelector('[data-ve-block="' + CSS.escape(blockId) + '"]');
    var target = block && block.querySelector(selector || "[data-ve-edit]");
    if (target && target.disabled) {
      target = block.querySelector("[data-ve-edit]");
    }
    if (target) {
      target.focus();
    }
  }

  /* The drawer ------------------------------------------------------------------------------ */

  function buildDrawer() {
    drawer = document.createElement("dialog");
    drawer.className = "ve-drawer";
    drawer.setAttribute("aria-labelledby", "ve-drawer-title");
    var header = document.createElement("div");
    header.className = "ve-drawer__header";
    drawerTitle = document.createElement("h2");
    drawerTitle.id = "ve-drawer-title";
    drawerTitle.className = "ve-drawer__title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ve-drawer__close";
    close.textContent = "Close";
    close.autofocus = true; // the drawer opens on Close, not on a focus guard
    close.addEventListener("click", closeDrawer);
    close.addEventListener("keydown", trapFromClose);
    header.append(drawerTitle, close);
    frame = document.createElement("iframe");
    frame.className = "ve-drawer__frame";
    frame.addEventListener("load", frameLoaded);
    // Focus guards: Tab past the form's end, or Shift+Tab before Close, stays in the drawer.
    var startGuard = focusGuard(function () {
      var inside = frameFocusables();
      (inside.length ? inside[inside.length - 1] : close).focus();
    });
    var endGuard = focusGuard(function () {
      close.focus();
    });
    drawer.append(startGuard, header, frame, endGuard);
    drawer.addEventListener("close", drawerClosed);
    document.body.appendChild(drawer);
  }

  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

  function focusables(doc) {
    return Array.prototype.filter.call(doc.querySelectorAll(FOCUSABLE), function (el) {
      return el.getClientRects().length > 0 && !el.closest("[inert], [hidden]");
    });
  }

  function focusGuard(onFocus) {
    var guard = document.createElement("span");
    guard.className = "ve-drawer__guard";
    guard.tabIndex = 0;
    guard.addEventListener("focus", onFocus);
    return guard;
  }

  function frameFocusables() {
    try {
      return frame.contentDocument ? focusables(frame.contentDocument) : [];
    } catch (error) {
      return [];
    }
  }

  /* From the Close button, Tab goes into the form and Shift+Tab to the form's last field. */
  function trapFromClose(event) {
    if (event.key !== "Tab") {
      return;
    }
    var inside = frameFocusables();
    if (inside.length) {
      event.preventDefault();
      frame.focus();
      inside[event.shiftKey ? inside.length - 1 : 0].focus();
    }
  }

  function openDrawer(url, title, from) {
    if (!drawer) {
      buildDrawer();
    }
    announce("");
    opener = from || document.activeElement;
    var block = opener && opener.closest ? opener.closest("[data-ve-block]") : null;
    openerBlockId = block ? block.getAttribute("data-ve-block") : null;
    drawerTitle.textContent = title;
    frame.title = title;
    frame.src = url;
    drawer.showModal();
  }

  function closeDrawer() {
    if (drawer && drawer.open) {
      drawer.close();
    }
  }

  function drawerClosed() {
    frame.src = "about:blank";
    if (pendingReload) {
      pendingReload = false;
      window.location.reload();
      return;
    }
    if (opener && opener.isConnected) {
      opener.focus();
    } else {
      focusBlock(openerBlockId);
    }
  }

  function frameLoaded() {
    var doc;
    try {
      doc = frame.contentDocument;
    } catch (error) {
      return;
    }
    if (!doc || !doc.body || frame.src === "about:blank") {
      return;
    }
    var heading = doc.querySelector("h1");
    if (heading && heading.textContent.trim()) {
      drawerTitle.textContent = heading.textContent.trim();
      frame.title = drawerTitle.textContent;
    }
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && !doc.querySelector(".modal.in, [aria-expanded=true]")) {
        closeDrawer();
      }
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") {
        return;
      }
      var inside = focusables(doc);
      var edge = event.shiftKey ? inside[0] : inside[inside.length - 1];
      if (!inside.length || doc.activeElement === edge) {
        // Past either end of the form: back to the drawer's Close button, never the page.
        event.preventDefault();
        drawer.querySelector(".ve-drawer__close").focus();
      }
    });
    doc.querySelectorAll("[data-ve-close]").forEach(function (button) {
      button.addEventListener("click", closeDrawer);
    });
    doc.querySelectorAll("[data-ve-reload]").forEach(function (button) {
      button.addEventListener("click", function () {
        pendingReload = true;
        closeDrawer();
      });
    });
    var result = doc.querySelector("[data-ve-result]");
    if (result) {
      handleResult(JSON.parse(result.getAttribute("data-ve-result")), result.textContent.trim());
      return;
    }
    var field =
      doc.querySelector(
        ".ve-frame__main input:not([type=hidden]), .ve-frame__main select, .ve-frame__main textarea, .ve-frame__main [contenteditable=true]"
      ) || doc.querySelector(".ve-frame__main a, .ve-frame__main button");
    // Unless she already clicked into the form while it loaded.
    if (field && (!doc.activeElement || doc.activeElement === doc.body)) {
      field.focus();
    }
  }

  function handleResult(result, message) {
    if (result.kind === "saved") {
      closeDrawer();
      // Said once the block shows the change, so what she hears matches what is on screen.
      redraw(result.block).then(function () {
        announce(message);
      });
    } else if (result.kind === "fields") {
      config.revision = result.revision;
      sessionStorage.setItem(FLASH_KEY, message);
      window.location.assign(config.draftUrl);
    } else if (result.kind === "exercise") {
      announce(message);
      // Published: the page shows the new exercise once the drawer closes.
      pendingReload = Boolean(result.published);
      var close = frame.contentDocument.querySelector("[data-ve-close]");
      if (close) {
        close.focus();
      }
    }
  }

  /* The editing bar ------------------------------------------------------------------------- */

  function buildBar() {
    bar = document.createElement("section");
    bar.className = "ve-bar";
    bar.setAttribute("aria-label", "Editing this page");
    var text = document.createElement("p");
    text.className = "ve-bar__text";
    status = document.createElement("span");
    status.className = "ve-bar__status";
    status.setAttribute("role", "status");
    text.appendChild(status);
    publishButton = document.createElement("button");
    publishButton.type = "button";
    publishButton.className = "ve-bar__publish";
    publishButton.textContent = "Publish";
    publishButton.addEventListener("click", publish);
    var other = document.createElement("a");
    other.className = "ve-bar__link";
    if (config.mode === "draft") {
      other.href = config.liveUrl || config.editUrl;
      other.textContent = config.liveUrl ? "View the published page" : "Open the full editor";
    } else if (config.newerDraft) {
      other.href = config.draftUrl;
      other.textContent = "Show my draft to edit it";
    } else {
      other.href = config.editUrl;
      other.textContent = "Open the full editor";
    }
    bar.append(text, publishButton, other);
    // After "Skip to content", which stays the first thing Tab reaches.
    var skip = document.querySelector(".skip-link");
    if (skip && skip.parentElement === document.body) {
      skip.after(bar);
    } else {
      document.body.insertBefore(bar, document.body.firstChild);
    }
    document.documentElement.classList.add("has-ve-bar");
    config.hasDraft = config.mode === "draft" || config.newerDraft;
    var flash = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
    updateBar();
    if (flash) {
      announce(flash);
    }
  }

  function updateBar() {
    if (!bar) {
      return;
    }
    var text = bar.querySelector(".ve-bar__text");
    var intro = text.querySelector(".ve-bar__mode") || document.createElement("span");
    intro.className = "ve-bar__mode";
    if (config.newerDraft && config.mode === "site") {
      intro.textContent = "You are seeing the published page; you have a newer draft. ";
    } else if (config.hasDraft) {
      intro.textContent = "Your draft: visitors do not see these changes until you publish. ";
    } else {
      intro.textContent = "Click a block to change it. ";
    }
    text.insertBefore(intro, status);
    publishButton.hidden = !config.hasDraft || (config.newerDraft && config.mode === "site");
  }

  function publish() {
    publishButton.disabled = true;
    post(config.publishUrl, {}).then(function (data) {
      publishButton.disabled = false;
      announce(data.message);
      if (data.ok) {
        sessionStorage.setItem(FLASH_KEY, data.message);
        window.location.assign(data.url || config.liveUrl || window.location.href);
      }
    });
  }

  /* Blocks ---------------------------------------------------------------------------------- */

  function openBlock(block, from) {
    var id = block.getAttribute("data-ve-block");
    var label = block.getAttribute("aria-label");
    if (config.mode === "preview") {
      revealInEditor(id);
      return;
    }
    var exercise = block.getAttribute("data-ve-exercise");
    if (exercise) {
      var url = config.exerciseUrl.replace(/\/0\/$/, "/" + exercise + "/");
      openDrawer(url + "?page=" + config.page, "Edit: " + label, from);
    } else {
      openDrawer(withRevision(config.blockUrl.replace("BLOCK", encodeURIComponent(id))), "Edit: " + label, from);
    }
  }

  /* In the editor's preview panel, the form is the editor beside it: go to that block there. */
  function revealInEditor(id) {
    var editor;
    try {
      editor = window.parent !== window ? window.parent.document : null;
    } catch (error) {
      editor = null;
    }
    var target = editor && editor.querySelector('[data-contentpath="' + CSS.escape(id) + '"]');
    if (!target) {
      return;
    }
    var toggle = target.querySelector(".w-panel__toggle");
    if (toggle && toggle.getAttribute("aria-expanded") === "false") {
      toggle.click();
    }
    target.scrollIntoView({ block: "start" });
    var focusable =
      target.querySelector("input:not([type=hidden]), select, textarea, [contenteditable=true]") ||
      target.querySelector("button");
    if (focusable) {
      focusable.focus({ preventScroll: true });
    }
  }

  function move(button) {
    var block = button.closest("[data-ve-block]");
    var id = block.getAttribute("data-ve-block");
    var direction = button.getAttribute("data-ve-move");
    button.disabled = true;
    post(config.moveUrl, { block: id, direction: direction }).then(function (data) {
      if (data.ok) {
        config.revision = data.revision;
        redraw(id, '[data-ve-move="' + direction + '"]').then(function () {
          announce(data.message);
        });
      } else {
        announce(data.message);
        button.disabled = false;
      }
    });
  }

  function enhanceHeader() {
    var header = document.querySelector(".article__header");
    if (!header || config.mode === "preview") {
      return;
    }
    header.classList.add("ve-fields");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ve-block__label ve-fields__label";
    button.textContent = "Edit: title, summary and photo";
    button.addEventListener("click", function () {
      openDrawer(withRevision(config.fieldsUrl), button.textContent, button);
    });
    header.insertBefore(button, header.firstChild);
    var hero = document.querySelector(".hero-image");
    if (hero) {
      hero.classList.add("ve-fields");
      hero.addEventListener("click", function () {
        openDrawer(withRevision(config.fieldsUrl), button.textContent, button);
      });
    }
  }

  document.addEventListener("click", function (event) {
    var moveButton = event.target.closest("[data-ve-move]");
    if (moveButton) {
      move(moveButton);
      return;
    }
    var insertButton = event.target.closest("[data-ve-insert]");
    if (insertButton) {
      openDrawer(
        withRevision(config.insertUrl, { after: insertButton.getAttribute("data-ve-insert") }),
        "Add a block",
        insertButton
      );
      return;
    }
    var block = event.target.closest("[data-ve-block]");
    if (!block) {
      return;
    }
    var label = event.target.closest("[data-ve-edit]");
    if (!label && event.target.closest(INTERACTIVE)) {
      return; // her links and play buttons still work
    }
    event.preventDefault();
    openBlock(block, label || block.querySelector("[data-ve-edit]"));
  });

  function init() {
    if (config.mode !== "preview") {
      buildBar();
    }
    enhanceHeader();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
