// Live reload for `thidua serve`: added to pages by the preview server only, never by
// `thidua build`. Listens to the server's event stream; reloads the page after a rebuild,
// swaps stylesheets when only CSS changed, and shows a rebuild error over the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : "";
  var OVERLAY_ID = "thidua-error-overlay";

  function hideError() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  // The overlay speaks the site's language: its strings come with the page (the theme's
  // translations); Vietnamese when the page has none (the "not built yet" placeholder).
  function t(key, fallback) {
    try {
      var element = document.getElementById("thidua-i18n");
      var strings = element ? JSON.parse(element.textContent) : {};
      return strings[key] || fallback;
    } catch (e) {
      return fallback;
    }
  }

  function showError(text) {
    hideError();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:rgba(40,0,0,.92);color:#fff;font:15px/1.5 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.textContent = t("preview_error_title", "Lỗi khi dựng lại trang");
    title.style.cssText = "margin:0 0 .5rem;color:#ffb4a8;font-size:1.4rem";
    var note = document.createElement("p");
    note.textContent = document.body && document.body.hasAttribute("data-thidua-placeholder")
      ? t("preview_never_built", "Trang chưa dựng được lần nào. Sửa lỗi rồi lưu tệp, trang sẽ tự cập nhật.")
      : t("preview_last_good", "Trang bên dưới là bản dựng tốt gần nhất. Sửa lỗi rồi lưu tệp, trang sẽ tự cập nhật.");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = t("preview_hide", "Ẩn thông báo");
    close.style.cssText = "font:inherit;padding:.3rem .8rem;cursor:pointer";
    close.onclick = hideError;
    var details = document.createElement("pre");
    details.textContent = text;
    details.style.cssText =
      "white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;background:#000;" +
      "padding:1rem;border-radius:6px";
    box.append(title, note, details, close);
    (document.body || document.documentElement).appendChild(box);
  }

  // Replaces each changed stylesheet with a fresh copy; the old one goes once the new has loaded,
  // so the page never shows unstyled.
  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      var changed = paths.some(function (path) {
        return url.origin === location.origin && url.pathname === "/" + path;
      });
      if (!changed) return;
      url.searchParams.set("thidua", build);
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = fresh.onerror = function () { link.remove(); };
      link.after(fresh);
    });
  }

  function connect() {
    var source = new EventSource("/__thidua/live");
    source.addEventListener("hello", function (event) {
      var data = JSON.parse(event.data);
      // A rebuild or a server restart happened while this tab was not listening.
      if (data.build !== build) location.reload();
    });
    source.addEventListener("reload", function (event) {
      var data = JSON.parse(event.data);
      if (data.styles && data.styles.length) {
        build = data.build;
        hideError();
        swapStyles(data.styles);
      } else {
        location.reload();
      }
    });
    // Too many tabs are listening and this one is the oldest: stop, rather than reconnect and
    // displace another.
    source.addEventListener("bye", function () {
      source.close();
    });
    source.addEventListener("failure", function (event) {
      showError(JSON.parse(event.data).error);
    });
    source.onerror = function () {
      // The browser retries by itself unless it gave up; then start over.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    };
  }

  connect();
})();
