// gloss: notes beside the text (66em and up) or opened in place under their
// paragraph (narrower, or a note the margin has no room for near its marker);
// marked words, marker and note light up together.
// Without this file markers link to the endnotes and CSS floats the sidenotes.
(function () {
  "use strict";
  const body = document.querySelector(".article-body");
  if (!body || !window.matchMedia) return;
  const wide = matchMedia("(min-width: 66em)");
  const notes = [];
  const byNumber = new Map();
  const KEEP = [9, 5, 2]; // lines a shortened note keeps: long, crowded, very crowded
  const noteOf = (el) => byNumber.get(el?.getAttribute("data-note"));
  const numbers = (el) => (el?.getAttribute("data-notes") || el?.getAttribute("data-note") || "").split(" ").filter(Boolean);
  let open = null;
  let entered = null; // the note last gone into from its marker
  // Keyboard focus on a marker opens its note in place; a pointer's focus does not (its
  // click does), nor focus put back on a marker as its note shuts.
  let pointing = false;
  let quiet = false;
  // The site's words (<body data-labels>), or these.
  const labels = Object.assign(
    { close_note: "Close note {n}", more: "More", less: "Less", of_note: "of note {n}" },
    JSON.parse(document.body.dataset.labels || "{}"),
  );
  const say = (key, n) => labels[key].replace("{n}", n).replace(/[&<"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const stops = (root) =>
    [...root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")].filter(
      (el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility?.({ visibilityProperty: true }) !== false,
    );

  for (const side of body.querySelectorAll(".gloss-sidenote[data-note]")) {
    const n = side.dataset.note;
    const marker = document.getElementById("noteref-" + n);
    if (!marker || byNumber.has(n)) continue;
    const inner = document.createElement("div");
    inner.className = "gloss-side-inner";
    inner.id = side.id + "-text";
    inner.append(...side.childNodes);
    side.append(inner);
    side.insertAdjacentHTML("afterbegin", `<button type="button" class="gloss-close" aria-label="${say("close_note", n)}"><span aria-hidden="true">\u00d7</span></button>`);
    side.insertAdjacentHTML("beforeend", `<button type="button" class="gloss-more" aria-controls="${inner.id}"><span>${say("more")}</span><span class="gloss-vh"> ${say("of_note", n)}</span></button>`);
    const more = side.lastElementChild;
    side.tabIndex = -1;
    marker.setAttribute("aria-controls", side.id);
    const note = { side, inner, more, marker, marks: [], expanded: false, from: 0, flow: true };
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

  // clamp() writes, measure() reads: a long page is laid out a few times, not once a note.
  function clamp(note, line) {
    // An opened note keeps the cut it was opened from, so its Less (and focus) stays.
    const keep = KEEP[note.expanded ? Math.max(note.level, note.from) : note.level] * line;
    const long = note.full > keep + 2 * line;
    note.cut = long && !note.expanded ? keep : 0;
    note.inner.style.maxHeight = note.cut ? keep + "px" : "";
    note.side.classList.toggle("is-clamped", !!note.cut);
    note.side.classList.toggle("is-expanded", long && note.expanded);
    note.more.firstChild.textContent = note.expanded ? labels.less : labels.more;
    note.more.setAttribute("aria-expanded", note.expanded);
  }

  function measure(note) {
    note.h = note.side.offsetHeight;
    reach(note);
  }

  // Tab goes marker to marker: a note is gone into from its marker (and, left for the
  // next, not met again on the way), and Tab skips a link cut off until More shows it.
  // So does a screen reader a note in the margin (the endnotes hold them all).
  // (Set only when it changes: a focused More, hidden while measured, keeps its focus.)
  function reach(note) {
    const shut = note !== entered;
    if (shut && !note.flow) note.side.setAttribute("aria-hidden", "true");
    else note.side.removeAttribute("aria-hidden");
    const top = note.cut && note.inner.getBoundingClientRect().top + note.cut;
    const set = (el, off) => el.tabIndex !== (off = off ? -1 : 0) && (el.tabIndex = off);
    for (const a of note.inner.querySelectorAll("a")) set(a, shut || (note.cut && a.getBoundingClientRect().bottom > top));
    set(note.more, shut);
    set(note.side.firstElementChild, shut); // its Close
  }


  let pending = false;
  function schedule() {
    if (!pending) pending = requestAnimationFrame(layout);
  }

  // A note in the flow opens in place under its paragraph, as on narrow screens.
  function setFlow(note, flow) {
    note.flow = flow;
    note.side.classList.toggle("is-flow", flow && wide.matches);
    if (flow) {
      note.side.style.top = note.inner.style.maxHeight = "";
      note.side.classList.remove("is-clamped", "is-expanded");
      note.cut = 0;
      reach(note);
      note.marker.setAttribute("aria-expanded", open === note);
    } else note.marker.removeAttribute("aria-expanded");
  }

  function layout() {
    pending = false;
    document.documentElement.classList.toggle("gloss-placed", wide.matches);
    // The open note stays where the reader opened it.
    for (const note of notes) setFlow(note, !wide.matches || note === open);
    if (!wide.matches) return;
    const list = notes.filter((note) => !note.flow);
    const line = parseFloat(getComputedStyle(notes[0].inner).lineHeight) || 19;
    const origin = body.getBoundingClientRect().top;
    // Measured without the last layout's More or Less, so layouts do not drift.
    for (const note of list) {
      note.level = 0;
      note.inner.style.maxHeight = "";
      note.side.classList.remove("is-clamped", "is-expanded");
    }
    for (const note of list) {
      note.want = lineTop(note.marker) - origin;
      note.full = note.inner.scrollHeight;
      note.extra = note.side.offsetHeight - note.full;
    }
    for (const note of list) clamp(note, line);
    for (const note of list) measure(note);
    // A More button's height, for working out a shortened note's height without
    // laying the page out again for each note shortened.
    const cut = list.find((note) => note.cut);
    const more = cut ? cut.h - cut.extra - cut.cut : 1.5 * line;
    const shortened = new Set();
    // While a note is pushed `reach` below its marker or past the article's end,
    // shorten one of the notes pushing it: the least shortened, and of those the
    // nearest. When none can give more room and it is pushed `far`, the note leaves
    // the margin for the flow of the text.
    const gap = 0.75 * line;
    const reach = Math.max(0.35 * innerHeight, 8 * line);
    const far = Math.max(0.75 * innerHeight, reach);
    const end = body.offsetHeight;
    const late = (note, by) => note.y - note.want > by || note.y + note.h > end + by;
    const next = (note) => (note.expanded ? -1 : KEEP.findIndex((keep, l) => l > note.level && note.full > (keep + 2) * line));
    const pushing = (late) => {
      let pick = null;
      for (let i = late - 1; i >= 0 && (i === late - 1 || list[i + 1].y > list[i + 1].want + 1); i--) {
        if (next(list[i]) > 0 && (!pick || list[i].level < pick.level)) pick = list[i];
      }
      return pick;
    };
    for (;;) {
      // Each note at its marker's line, or below the one before when that is lower.
      let floor = -Infinity;
      for (const note of list) floor = (note.y = Math.max(note.want, floor)) + note.h + gap;
      let pick = null;
      const i = list.findIndex((note, i) => late(note, reach) && ((pick = pushing(i)) || late(note, far)));
      if (i < 0) break;
      if (pick) {
        pick.level = next(pick);
        clamp(pick, line);
        pick.h = pick.extra + pick.cut + more;
        shortened.add(pick);
      } else {
        setFlow(list[i], true);
        list.splice(i, 1);
      }
    }
    // Measured once at the end, and placed by the heights measured.
    for (const note of list) if (shortened.has(note)) measure(note);
    let floor = -Infinity;
    for (const note of list) floor = (note.y = Math.max(note.want, floor)) + note.h + gap;
    for (const note of list) note.side.style.top = note.y + "px";
  }

  // Focus the note without a jump; scroll only if it would open out of sight,
  // enough to show its first lines, past the marker only if it is a screen away.
  function reveal(note) {
    const left = entered;
    entered = note;
    if (left) reach(left);
    reach(note);
    note.side.focus({ preventScroll: true });
    const box = note.side.getBoundingClientRect();
    const hidden = Math.min(box.top + 96, box.bottom) - innerHeight;
    const room = note.marker.getBoundingClientRect().top - 8;
    const far = box.top - room > innerHeight;
    if (hidden > 0 && (room > 0 || far)) scrollBy(0, far ? box.top - 16 : Math.min(hidden, room));
  }

  function shut(note, refocus) {
    note.side.classList.remove("is-open");
    note.marker.setAttribute("aria-expanded", "false");
    if (open === note) open = null;
    leave(note);
    if (refocus) backTo(note);
  }

  // The note is no longer gone into: out of the way of Tab and screen readers again.
  function leave(note) {
    if (entered !== note) return;
    entered = null;
    reach(note);
  }

  // Focus back on a note's marker, which opens nothing.
  function backTo(note) {
    quiet = true;
    note.marker.focus();
    quiet = false;
  }

  // Opens a note in place, focus staying put.
  function show(note) {
    if (open) shut(open, false);
    open = note;
    note.side.classList.add("is-open");
    note.marker.setAttribute("aria-expanded", "true");
  }

  // A tap or Enter: opens the note and goes into it; one shown already (by focus) is
  // gone into, one gone into is shut.
  function activate(note) {
    if (!note.flow) return reveal(note);
    if (open === note && entered !== note) return reveal(note);
    const again = open === note;
    if (open) shut(open, again);
    if (again) return;
    show(note);
    reveal(note);
  }

  // Focus in a note the new layout hides goes back to its marker.
  function setMode() {
    const note = noteOf(document.activeElement?.closest(".gloss-sidenote"));
    if (open) shut(open, false);
    layout();
    if (note && (note.side.getAttribute("aria-hidden") || !note.side.getClientRects().length)) backTo(note);
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
      note.from = note.level;
      layout();
      note.more.scrollIntoView({ block: "nearest" });
    }
  });

  document.addEventListener("click", (e) => {
    if (open && !open.side.contains(e.target) && !open.marker.contains(e.target)) shut(open, false);
  });

  document.addEventListener("keydown", (e) => {
    const here = document.activeElement;
    const note = noteOf(here?.closest?.(".gloss-sidenote"));
    if (e.key === "Escape" && (open || note)) {
      // From elsewhere (the search box), Escape shuts the note and does its own work.
      const mine = open && (open.side.contains(here) || open.marker === here);
      if (open && !mine && !note) return shut(open, false);
      e.preventDefault();
      if (open) return shut(open, true);
      leave(note);
      backTo(note);
    } else if (e.key === " " && here?.matches(".gloss-marker") && noteOf(here)?.flow) {
      e.preventDefault();
      activate(noteOf(here));
    } else if (e.key === "Tab" && entered?.side.contains(here)) {
      // A note stands after its paragraph: gone into from its marker, it is left by
      // Tab for what follows the marker (the paragraph's next marker), by Shift+Tab
      // for the marker.
      const { side, marker } = entered;
      const inside = stops(side);
      if (e.shiftKey ? here === side || here === inside[0] : here === inside.at(-1) || !inside.length) {
        const all = stops(document);
        const to = e.shiftKey ? marker : all.slice(all.indexOf(marker) + 1).find((el) => !side.contains(el));
        const left = entered;
        entered = null;
        reach(left);
        if (to) {
          e.preventDefault();
          to.focus();
        }
      }
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
  document.addEventListener("focusin", (e) => {
    light(hovered, e.target.closest?.(SOURCES) || null);
    const note = noteOf(e.target);
    if (note?.marker === e.target && note.flow && !pointing && !quiet && open !== note) show(note);
    else if (open?.flow && open.marker !== e.target && !open.side.contains(e.target)) shut(open, false);
  });
  addEventListener("pointerdown", () => (pointing = true), true);
  addEventListener("keydown", () => (pointing = false), true);
  document.addEventListener("focusout", (e) => e.relatedTarget || light(hovered, null));

  wide.addEventListener("change", setMode);
  addEventListener("resize", schedule);
  addEventListener("load", schedule);
  if (window.ResizeObserver) new ResizeObserver(schedule).observe(body);
  document.fonts?.ready.then(schedule);
  setMode();
})();
