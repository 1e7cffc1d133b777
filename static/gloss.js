// gloss: notes beside the text, or opened in place.
//
// The page works without this file: a marker is a link to its endnote, and on
// wide screens CSS floats each sidenote into the margin. When this file runs:
//  - wide screens (75em and up): each sidenote is placed beside its marker's
//    line; crowded ones are pushed down in order, and long or crowded ones are
//    shortened behind a "More" button. A marker moves focus to its note.
//  - narrow screens: a marker opens its note in place, under its paragraph,
//    and moves focus into it; Escape, the close button or a tap elsewhere
//    closes it, and focus returns to the marker.
//  - both: marked words, marker and note light up together on hover and focus.
(function () {
  "use strict";
  const body = document.querySelector(".article-body");
  if (!body || !window.matchMedia) return;
  const wide = window.matchMedia("(min-width: 75em)");
  const root = document.documentElement;
  const notes = [];
  const byNumber = new Map();
  const SOURCES = ".gloss-mark, .gloss-marker, .gloss-sidenote";
  // Lines a sidenote keeps when shortened: a long note, then in a crowd, then in a big one.
  const KEEP = [9, 5, 3];
  let open = null;

  function button(className, label) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.innerHTML = label;
    return b;
  }

  for (const side of body.querySelectorAll(".gloss-sidenote[data-note]")) {
    const n = side.getAttribute("data-note");
    const marker = document.getElementById("noteref-" + n);
    if (!marker || byNumber.has(n)) continue;
    const inner = document.createElement("div");
    inner.className = "gloss-side-inner";
    inner.id = side.id + "-text";
    inner.append(...side.childNodes);
    const close = button("gloss-close", "<span aria-hidden=\"true\">\u00d7</span>");
    close.setAttribute("aria-label", "Close note " + n);
    const more = button("gloss-more", "<span>More</span><span class=\"gloss-vh\"> of note " + n + "</span>");
    more.setAttribute("aria-controls", inner.id);
    side.append(close, inner, more);
    side.tabIndex = -1;
    marker.setAttribute("aria-controls", side.id);
    const note = { n, side, inner, more, marker, marks: [], expanded: false, level: 0 };
    notes.push(note);
    byNumber.set(n, note);
  }
  if (!notes.length) return;
  for (const mark of body.querySelectorAll("mark.gloss-mark[data-notes]")) {
    for (const n of numbers(mark)) byNumber.get(n)?.marks.push(mark);
  }

  function numbers(el) {
    const list = el && (el.getAttribute("data-notes") || el.getAttribute("data-note"));
    return list ? list.split(" ").filter(Boolean) : [];
  }

  // Placement on wide screens

  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(layout);
    }
  }

  // Top of the text line that holds the marker, from the words just before it.
  function lineTop(marker) {
    const sup = marker.parentElement;
    const before = sup.previousElementSibling;
    if (before && before.nextSibling === sup) {
      const rects = before.getClientRects();
      if (rects.length) return rects[rects.length - 1].top;
    }
    return marker.getBoundingClientRect().top;
  }

  function shorten(note, line) {
    const keep = KEEP[note.level] * line;
    const long = note.full > keep + 2 * line;
    const cut = long && !note.expanded;
    note.inner.style.maxHeight = cut ? keep + "px" : "";
    note.side.classList.toggle("is-clamped", cut);
    note.side.classList.toggle("is-expanded", long && note.expanded);
    note.more.firstChild.textContent = note.expanded ? "Less" : "More";
    note.more.setAttribute("aria-expanded", String(note.expanded));
    note.h = note.side.offsetHeight;
  }

  // Puts each note at its marker's line, or just below the note before it when
  // that is lower, and returns the first note that ends up more than `reach`
  // below its marker (-1 when none does).
  function place(gap, reach) {
    let floor = -Infinity;
    let late = -1;
    notes.forEach((note, i) => {
      note.y = Math.max(note.want, floor);
      floor = note.y + note.h + gap;
      if (late < 0 && note.y - note.want > reach) late = i;
    });
    return late;
  }

  function layout() {
    pending = false;
    const placed = wide.matches;
    root.classList.toggle("gloss-placed", placed);
    if (!placed) {
      for (const note of notes) {
        note.side.style.top = "";
        note.inner.style.maxHeight = "";
        note.side.classList.remove("is-clamped", "is-expanded");
      }
      return;
    }
    const line = parseFloat(getComputedStyle(notes[0].inner).lineHeight) || 19;
    const gap = 0.75 * line;
    const reach = Math.max(0.6 * window.innerHeight, 12 * line);
    const origin = body.getBoundingClientRect().top;
    for (const note of notes) {
      note.level = 0;
      note.want = lineTop(note.marker) - origin;
      note.inner.style.maxHeight = "";
      note.full = note.inner.scrollHeight;
    }
    for (const note of notes) shorten(note, line);
    // While a note is pushed too far, shorten one of the notes that push it: the
    // least shortened, and of those the nearest.
    const shorter = (note) =>
      !note.expanded && note.level < KEEP.length - 1 && note.full > (KEEP[note.level + 1] + 2) * line;
    for (let late = place(gap, reach); late > 0; late = place(gap, reach)) {
      let first = late;
      while (first > 0 && notes[first].y > notes[first].want + 1) first--;
      let pick = null;
      for (let i = late - 1; i >= first; i--) {
        if (shorter(notes[i]) && (!pick || notes[i].level < pick.level)) pick = notes[i];
      }
      if (!pick) break;
      pick.level++;
      shorten(pick, line);
    }
    for (const note of notes) note.side.style.top = note.y + "px";
  }

  // Notes opened in place on narrow screens

  function show(note) {
    if (open) shut(open, false);
    open = note;
    note.side.classList.add("is-open");
    note.marker.setAttribute("aria-expanded", "true");
    note.side.focus({ preventScroll: true });
    peek(note);
  }

  // The page stays where it is, unless the note would open out of sight: then it
  // scrolls just enough to show the note's first lines, keeping the marker on screen.
  function peek(note) {
    const side = note.side.getBoundingClientRect();
    const hidden = Math.min(side.top + 96, side.bottom) - window.innerHeight;
    const room = note.marker.getBoundingClientRect().top - 8;
    if (hidden > 0 && room > 0) window.scrollBy(0, Math.min(hidden, room));
  }

  function shut(note, refocus) {
    note.side.classList.remove("is-open");
    if (!wide.matches) note.marker.setAttribute("aria-expanded", "false");
    if (open === note) open = null;
    if (refocus) note.marker.focus({ preventScroll: true });
  }

  function reveal(note) {
    note.side.focus({ preventScroll: true });
    peek(note);
  }

  function activate(note) {
    if (wide.matches) reveal(note);
    else if (open === note) shut(note, true);
    else show(note);
  }

  function setMode() {
    if (open) shut(open, false);
    for (const note of notes) {
      if (wide.matches) note.marker.removeAttribute("aria-expanded");
      else note.marker.setAttribute("aria-expanded", "false");
    }
    layout();
  }

  body.addEventListener("click", (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const marker = e.target.closest(".gloss-marker");
    const note = byNumber.get(marker?.getAttribute("data-note"));
    if (note && note.marker === marker) {
      e.preventDefault();
      activate(note);
      return;
    }
    const side = e.target.closest(".gloss-sidenote");
    const owner = side && byNumber.get(side.getAttribute("data-note"));
    if (!owner) return;
    if (e.target.closest(".gloss-close")) shut(owner, true);
    else if (e.target.closest(".gloss-more")) {
      owner.expanded = !owner.expanded;
      layout();
    }
  });

  // A tap or click anywhere else closes the note opened in place.
  document.addEventListener("click", (e) => {
    if (open && !open.side.contains(e.target) && !open.marker.contains(e.target)) shut(open, false);
  });

  document.addEventListener("keydown", (e) => {
    const here = document.activeElement;
    if (e.key === "Escape") {
      if (open) {
        shut(open, true);
        e.preventDefault();
        return;
      }
      const side = here?.closest?.(".gloss-sidenote");
      const note = side && byNumber.get(side.getAttribute("data-note"));
      if (note) {
        note.marker.focus();
        e.preventDefault();
      }
    } else if (e.key === " " && here?.classList.contains("gloss-marker")) {
      const note = byNumber.get(here.getAttribute("data-note"));
      if (note && !wide.matches) {
        e.preventDefault();
        activate(note);
      }
    }
  });

  // A link hidden by shortening opens its note when it gets focus.
  body.addEventListener("focusin", (e) => {
    const side = e.target.closest(".gloss-sidenote.is-clamped");
    const note = side && byNumber.get(side.getAttribute("data-note"));
    if (note && e.target.closest("a")) {
      note.expanded = true;
      layout();
    }
  });

  // Marked words, marker and sidenote light up together.
  let hovered = null;
  let focused = null;
  let lit = [];
  function light() {
    for (const el of lit) el.classList.remove("is-active");
    lit = [];
    for (const n of numbers(hovered).concat(numbers(focused))) {
      const note = byNumber.get(n);
      if (note) lit.push(note.marker, note.side, ...note.marks);
    }
    for (const el of lit) el.classList.add("is-active");
  }
  body.addEventListener("mouseover", (e) => {
    const source = e.target.closest(SOURCES);
    if (source !== hovered) {
      hovered = source;
      light();
    }
  });
  body.addEventListener("mouseleave", () => {
    hovered = null;
    light();
  });
  document.addEventListener("focusin", (e) => {
    focused = e.target.closest?.(SOURCES) || null;
    light();
  });
  document.addEventListener("focusout", (e) => {
    if (!e.relatedTarget) {
      focused = null;
      light();
    }
  });

  wide.addEventListener("change", setMode);
  window.addEventListener("resize", schedule);
  window.addEventListener("load", schedule);
  if (window.ResizeObserver) new ResizeObserver(schedule).observe(body);
  if (document.fonts) document.fonts.ready.then(schedule);
  setMode();
})();
