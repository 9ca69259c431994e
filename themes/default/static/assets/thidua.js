/* thidua: keeps every figure that depends on "today" true on the day the page is read.
   The build writes the figures for its own "today" (the no-JS fallback); this script
   recomputes them from the reader's clock in the campaign's timezone. Each such element
   carries data-today="KIND" (the inventory: nothing else on a page depends on the day):
     countdown  data-target: days until or since the date, or "today" (data-past: text once past)
     phase      data-phase-start/-end: state-* class, data-show-when, percent, status, detail
     percent    data-phase-start/-end: the share of the period elapsed, as text
     during     data-phase-start/-end: shown only while today is inside the period
     marker     like "during", and placed on the timeline axis (data-axis-start/-end)
     next       data-target: the first of its siblings not yet past is shown
     no-next    shown when none of its sibling "next" elements is
     no-active  shown when no phase[data-show-when=active] is
     date       today's date */
(function () {
  "use strict";
  var DAY = 86400000;
  var tz = document.body.getAttribute("data-timezone") || "Asia/Ho_Chi_Minh";
  // UI strings come from the theme's translation file, written into the page by the build.
  var t = {};
  try { t = JSON.parse(document.getElementById("thidua-i18n").textContent); } catch (e) { t = {}; }
  function str(key) { return t[key] === undefined ? "" : t[key]; }
  function fill(key, n) { return str(key).replace("{n}", n); }

  function todayIso() {
    try {
      // en-CA formats as YYYY-MM-DD.
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    } catch (e) {
      var now = new Date(Date.now() + 7 * 3600000);
      return now.toISOString().slice(0, 10);
    }
  }
  function dayNumber(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY;
  }
  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, str("thousands_separator"));
  }
  function percentLabel(value) {
    var rounded = Math.round(value * 10) / 10;
    return (rounded % 1 === 0 ? formatNumber(rounded) : rounded.toFixed(1).replace(".", str("decimal_separator"))) + "%";
  }
  function progress(start, end, today) {
    if (today < start) return 0;
    if (today > end) return 100;
    return (today - start + 1) * 100 / (end - start + 1);
  }
  function period(el) {
    return [dayNumber(el.getAttribute("data-phase-start")), dayNumber(el.getAttribute("data-phase-end"))];
  }
  function stateOf(el) {
    var p = period(el);
    return today < p[0] ? "upcoming" : today > p[1] ? "ended" : "active";
  }
  function kind(name) { return document.querySelectorAll('[data-today="' + name + '"]'); }

  var todayText = todayIso();
  var today = dayNumber(todayText);
  if (todayText === document.body.getAttribute("data-build-today")) return;

  kind("countdown").forEach(function (el) {
    var days = dayNumber(el.getAttribute("data-target")) - today;
    var key = days > 0 ? "countdown_upcoming" : days === 0 ? "countdown_today" : "countdown_past";
    el.textContent = days < 0 && el.hasAttribute("data-past") ? el.getAttribute("data-past")
      : fill(Math.abs(days) === 1 ? key + "_one" : key, formatNumber(Math.abs(days)));
    el.className = "countdown countdown-" + (days > 0 ? "upcoming" : days === 0 ? "today" : "past");
  });

  kind("phase").forEach(function (el) {
    var p = period(el), start = p[0], end = p[1];
    var value = progress(start, end, today);
    var state = stateOf(el);
    var total = end - start + 1;
    el.classList.remove("state-upcoming", "state-active", "state-ended");
    el.classList.add("state-" + state);
    if (el.hasAttribute("data-show-when")) el.hidden = el.getAttribute("data-show-when") !== state;
    el.querySelectorAll("progress.phase-progress").forEach(function (bar) { bar.value = Math.round(value * 10) / 10; bar.textContent = percentLabel(value); });
    el.querySelectorAll(".phase-status").forEach(function (s) {
      s.textContent = str("phase_" + state);
      s.className = "phase-status status-" + state;
    });
    el.querySelectorAll(".phase-detail").forEach(function (d) {
      var elapsed = today - start + 1;
      var extra = state === "active" ? str("phase_day") + formatNumber(elapsed) + "/" + formatNumber(total) + str("phase_days_left") + formatNumber(total - elapsed) + str("phase_days_suffix")
        : state === "upcoming" ? str("phase_starts_in") + formatNumber(start - today) + str("phase_starts_suffix") : "";
      d.innerHTML = "";
      var pct = document.createElement("span");
      pct.className = "phase-percent";
      pct.textContent = percentLabel(value);
      d.appendChild(pct);
      d.appendChild(document.createTextNode(str("time_elapsed") + extra + "."));
    });
    el.querySelectorAll(".phase-percent").forEach(function (s) { s.textContent = percentLabel(value); });
  });

  kind("percent").forEach(function (el) {
    var p = period(el);
    el.textContent = percentLabel(progress(p[0], p[1], today));
  });

  kind("during").forEach(function (el) { el.hidden = stateOf(el) !== "active"; });
  kind("marker").forEach(function (el) {
    el.hidden = stateOf(el) !== "active";
    var start = dayNumber(el.getAttribute("data-phase-start"));
    var end = dayNumber(el.getAttribute("data-phase-end"));
    el.style.setProperty("--at", Math.min(100, Math.max(0, (today - start) * 100 / (end - start + 1))) + "%");
  });

  // Home page: the phase(s) running today, or a note when none is.
  kind("no-active").forEach(function (el) {
    el.hidden = Array.prototype.some.call(document.querySelectorAll('[data-today="phase"][data-show-when="active"]'),
      function (phase) { return !phase.hidden && !el.contains(phase); });
  });

  // Home page: the next anniversary from today.
  var groups = [];
  kind("next").forEach(function (el) { if (groups.indexOf(el.parentNode) < 0) groups.push(el.parentNode); });
  groups.forEach(function (parent) {
    var shown = false;
    Array.prototype.forEach.call(parent.children, function (el) {
      if (el.getAttribute("data-today") === "next") {
        var show = !shown && dayNumber(el.getAttribute("data-target")) >= today;
        el.hidden = !show;
        shown = shown || show;
      }
    });
    Array.prototype.forEach.call(parent.children, function (el) {
      if (el.getAttribute("data-today") === "no-next") el.hidden = shown;
    });
  });

  kind("date").forEach(function (el) {
    var p = todayText.split("-");
    el.textContent = (str("date_short") || "{dd}/{mm}/{yyyy}").replace("{dd}", p[2]).replace("{mm}", p[1])
      .replace("{yyyy}", p[0]).replace("{d}", String(+p[2])).replace("{m}", String(+p[1]));
    el.setAttribute("datetime", todayText);
  });
})();
