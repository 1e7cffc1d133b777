// gloss: notes beside the text (75em and up) or opened in place under their
// paragraph (narrower); marked words, marker and note light up together.
// Without this file markers link to the endnotes and CSS floats the sidenotes.
(function () {
  "use strict";
  const body = document.querySelector(".article-body");
  if (!body || !window.matchMedia) return;
  const wide = matchMedia("(min-width: 75em)");
  const notes = [];
  const byNumber = new Map();
  const KEEP = [9, 5, 3]; // lines a shortened note keeps: long, crowded, very crowded
  const noteOf = (el) => byNumber.get(el?.getAttribute("data-note"));
  const numbers = (el) => (el?.getAttribute("data-notes") || el?.getAttribute("data-note") || "").split(" ").filter(Boolean);
  let open = null;

  for (const side of body.querySelectorAll(".gloss-sidenote[data-note]")) {
    const n = side.dataset.note;
    const marker = document.getElementById("noteref-" + n);
    if (!marker || byNumber.has(n)) continue;
    const inner = document.createElement("div");
    inner.className = "gloss-side-inner";
    inner.id = side.id + "-text";
    inner.append(...side.childNodes);
    side.append(inner);
    side.insertAdjacentHTML("afterbegin", `<button type="button" class="gloss-close" aria-label="Close note ${n}"><span aria-hidden="true">\u00d7</span></button>`);
    side.insertAdjacentHTML("beforeend", `<button type="button" class="gloss-more" aria-controls="${inner.id}"><span>More</span><span class="gloss-vh"> of note ${n}</span></button>`);
    const more = side.lastElementChild;
    side.tabIndex = -1;
    marker.setAttribute("aria-controls", side.id);
    const note = { side, inner, more, marker, marks: [], expanded: false };
    notes.push(note);
    byNumber.set(n, note);
  }
  if (!notes.length) return;
  for (const mark of body.querySelectorAll("mark.gloss-mark")) {
    for (const n of numbers(mark)) byNumber.get(n)?.marks.push(mark);
  }

  // Top of the text line holding the marker, from the words just before it.
  function lineTop(marker) {
    const before = marker.parentElement.previousElementSibling;
    const rects = before && before.nextSibling === marker.parentElement ? before.getClientRects() : [];
    return (rects.length ? rects[rects.length - 1] : marker.getBoundingClientRect()).top;
  }

  function shorten(note, line) {
    const keep = KEEP[note.level] * line;
    const long = note.full > keep + 2 * line;
    note.inner.style.maxHeight = long && !note.expanded ? keep + "px" : "";
    note.side.classList.toggle("is-clamped", long && !note.expanded);
    note.side.classList.toggle("is-expanded", long && note.expanded);
    note.more.firstChild.textContent = note.expanded ? "Less" : "More";
    note.more.setAttribute("aria-expanded", note.expanded);
    note.h = note.side.offsetHeight;
  }

  // Each note at its marker's line, or below the one before when that is lower.
  // Returns the first note pushed more than `reach` below its marker, or -1.
  function place(gap, reach) {
    let floor = -Infinity;
    return notes.reduce((late, note, i) => {
      note.y = Math.max(note.want, floor);
      floor = note.y + note.h + gap;
      return late < 0 && note.y - note.want > reach ? i : late;
    }, -1);
  }

  let pending = false;
  function schedule() {
    if (!pending) pending = requestAnimationFrame(layout);
  }

  function layout() {
    pending = false;
    document.documentElement.classList.toggle("gloss-placed", wide.matches);
    if (!wide.matches) {
      for (const note of notes) {
        note.side.style.top = note.inner.style.maxHeight = "";
        note.side.classList.remove("is-clamped", "is-expanded");
      }
      return;
    }
    const line = parseFloat(getComputedStyle(notes[0].inner).lineHeight) || 19;
    const origin = body.getBoundingClientRect().top;
    for (const note of notes) {
      note.level = 0;
      note.want = lineTop(note.marker) - origin;
      note.inner.style.maxHeight = "";
      note.full = note.inner.scrollHeight;
    }
    for (const note of notes) shorten(note, line);
    // While a note is pushed too far, shorten one of the notes pushing it:
    // the least shortened, and of those the nearest.
    const reach = Math.max(0.35 * innerHeight, 8 * line);
    const can = (note) => !note.expanded && note.level < KEEP.length - 1 && note.full > (KEEP[note.level + 1] + 2) * line;
    for (let late = place(0.75 * line, reach); late > 0; late = place(0.75 * line, reach)) {
      let pick = null;
      for (let i = late - 1; i >= 0 && (i === late - 1 || notes[i + 1].y > notes[i + 1].want + 1); i--) {
        if (can(notes[i]) && (!pick || notes[i].level < pick.level)) pick = notes[i];
      }
      if (!pick) break;
      pick.level++;
      shorten(pick, line);
    }
    for (const note of notes) note.side.style.top = note.y + "px";
  }

  // Focus the note without a jump; scroll only if it would open out of sight,
  // just enough to show its first lines, and never past the marker.
  function reveal(note) {
    note.side.focus({ preventScroll: true });
    const box = note.side.getBoundingClientRect();
    const hidden = Math.min(box.top + 96, box.bottom) - innerHeight;
    const room = note.marker.getBoundingClientRect().top - 8;
    if (hidden > 0 && room > 0) scrollBy(0, Math.min(hidden, room));
  }

  function shut(note, refocus) {
    note.side.classList.remove("is-open");
    note.marker.setAttribute("aria-expanded", "false");
    if (open === note) open = null;
    if (refocus) note.marker.focus({ preventScroll: true });
  }

  function activate(note) {
    if (wide.matches) return reveal(note);
    const again = open === note;
    if (open) shut(open, again);
    if (again) return;
    open = note;
    note.side.classList.add("is-open");
    note.marker.setAttribute("aria-expanded", "true");
    reveal(note);
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
    if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const marker = e.target.closest(".gloss-marker");
    if (noteOf(marker)?.marker === marker) {
      e.preventDefault();
      return activate(noteOf(marker));
    }
    const note = noteOf(e.target.closest(".gloss-sidenote"));
    if (!note) return;
    if (e.target.closest(".gloss-close")) shut(note, true);
    if (e.target.closest(".gloss-more")) {
      note.expanded = !note.expanded;
      layout();
    }
  });

  document.addEventListener("click", (e) => {
    if (open && !open.side.contains(e.target) && !open.marker.contains(e.target)) shut(open, false);
  });

  document.addEventListener("keydown", (e) => {
    const here = document.activeElement;
    const note = noteOf(here?.closest?.(".gloss-sidenote"));
    if (e.key === "Escape" && (open || note)) {
      e.preventDefault();
      if (open) shut(open, true);
      else note.marker.focus();
    } else if (e.key === " " && here?.matches(".gloss-marker") && noteOf(here) && !wide.matches) {
      e.preventDefault();
      activate(noteOf(here));
    }
  });

  // A link hidden by shortening opens its note when it gets focus.
  body.addEventListener("focusin", (e) => {
    const note = noteOf(e.target.closest(".gloss-sidenote.is-clamped"));
    if (note && e.target.closest("a")) {
      note.expanded = true;
      layout();
    }
  });

  // Marked words, marker and sidenote light up together.
  const SOURCES = ".gloss-mark, .gloss-marker, .gloss-sidenote";
  let hovered = null;
  let focused = null;
  let lit = [];
  function light(hover, focus) {
    [hovered, focused] = [hover, focus];
    for (const el of lit) el.classList.remove("is-active");
    lit = numbers(hover).concat(numbers(focus)).flatMap((n) => {
      const note = byNumber.get(n);
      return note ? [note.marker, note.side, ...note.marks] : [];
    });
    for (const el of lit) el.classList.add("is-active");
  }
  body.addEventListener("mouseover", (e) => {
    const el = e.target.closest(SOURCES);
    if (el !== hovered) light(el, focused);
  });
  body.addEventListener("mouseleave", () => light(null, focused));
  document.addEventListener("focusin", (e) => light(hovered, e.target.closest?.(SOURCES) || null));
  document.addEventListener("focusout", (e) => e.relatedTarget || light(hovered, null));

  wide.addEventListener("change", setMode);
  addEventListener("resize", schedule);
  addEventListener("load", schedule);
  if (window.ResizeObserver) new ResizeObserver(schedule).observe(body);
  document.fonts?.ready.then(schedule);
  setMode();
})();
