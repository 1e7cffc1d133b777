// gloss search. On every page: "/" focuses the search box. On the search page: finds
// articles, passages, notes and context entries in the index under search/, which is
// plain JavaScript loaded with <script> elements, so it works from file:// as well as
// over HTTP. Terms are made exactly as src/search/terms.rs makes them.
(function () {
  "use strict";

  // ---- Terms: the rules of src/search/terms.rs, one for one. ----

  // A decimal number (3.14, 2,5: digits, a point, digits, with no point and digit on
  // either side) is one word; so is
  // runs of letters, digits and marks joined across an apostrophe (' ’, or ‘ as some
  // keyboards give it; the letter ʼ is inside its word already).
  var WORD = /(?<![\p{Alphabetic}\p{N}\p{M}]|[0-9][.,])[0-9]+[.,][0-9]+(?![\p{Alphabetic}\p{N}\p{M}]|['\u2018\u2019][\p{Alphabetic}\p{N}\p{M}]|[.,][0-9])|(?<![\p{Alphabetic}\p{N}\p{M}])(?:\p{Alphabetic}\.)+\p{Alphabetic}(?![\p{Alphabetic}\p{N}\p{M}]|['\u2018\u2019][\p{Alphabetic}\p{N}\p{M}])|[\p{Alphabetic}\p{N}\p{M}\u00ad\u200b-\u200d\u2060\ufeff]+(?:['\u2018\u2019][\p{Alphabetic}\p{N}\p{M}\u00ad\u200b-\u200d\u2060\ufeff]+)*/gu;
  // Apostrophes, marks, dots of initialisms, and what readers do not see: soft hyphens,
  // zero-width spaces and joiners, the word joiner, the byte-order mark, the tatweel.
  var DROPPED = /[\p{M}'\u2018\u2019\u02bc.\u00ad\u200b-\u200d\u2060\ufeff\u0640]/gu;
  var NOT_ALNUM = /[^\p{Alphabetic}\p{N}]+/u;
  var SPELLED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th" };
  var MAX_TERM_CHARS = 40;
  var stopWords = new Set();
  // The short words the site's language elides into the next (French l’, qu’; Italian
  // dell’), cut off before a word is folded, as the index does.
  var elided = new Set();

  var ASCII = /^[\x00-\x7f]*$/;
  var DECIMAL = /^[0-9]+[.,][0-9]+$/;

  // Han, kana and the iteration marks: cut into overlapping pairs of characters, the
  // last one standing alone too.
  var IDEOGRAPHS = "\\u3005-\\u3007\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2fa1f}\\u{30000}-\\u{3134f}";
  var IDEOGRAPHIC = new RegExp("[" + IDEOGRAPHS + "]", "u");
  var STRETCHES = new RegExp("[" + IDEOGRAPHS + "]+|[^" + IDEOGRAPHS + "]+", "gu");

  function pairIdeographs(piece, out) {
    var stretches = piece.match(STRETCHES) || [];
    for (var s = 0; s < stretches.length; s++) {
      var stretch = stretches[s];
      if (!IDEOGRAPHIC.test(stretch)) {
        out.push(stretch);
        continue;
      }
      var chars = Array.from(stretch);
      for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      out.push(chars[chars.length - 1]);
    }
  }

  // Whether a term is one Chinese or Japanese character, which is looked for as the
  // start of terms: the pairs it starts, and itself where it ends a run.
  function lone(term) {
    return IDEOGRAPHIC.test(term) && Array.from(term).length === 1;
  }

  function fold(word) {
    // A decimal number keeps its point, a comma read as one (3,14 is 3.14).
    if (DECIMAL.test(word)) return [word.replace(",", ".")];
    if (ASCII.test(word)) return [word.toLowerCase().replace(/['.]/g, "")];
    var lower = word.toLowerCase().normalize("NFKD").replace(DROPPED, "");
    var out = "";
    for (var c of lower) out += SPELLED[c] || c;
    var pieces = [];
    var runs = out.split(NOT_ALNUM);
    for (var r = 0; r < runs.length; r++) if (runs[r]) pairIdeographs(runs[r], pieces);
    return pieces;
  }

  function stem(word) {
    var w = word;
    if (!/^[a-z]+$/.test(w) || w.length < 4) return w;
    if (w.endsWith("ies") && w.length >= 5) w = w.slice(0, -3) + "y";
    else if (w.endsWith("sses")) w = w.slice(0, -2);
    else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
    var rules = [["ing", 3], ["edly", 3], ["ed", 3], ["ly", 4]];
    for (var i = 0; i < rules.length; i++) {
      var suffix = rules[i][0];
      if (w.endsWith(suffix) && w.length - suffix.length >= rules[i][1]) {
        w = w.slice(0, -suffix.length);
        var n = w.length;
        if (suffix !== "ly" && n >= 4 && w[n - 1] === w[n - 2] && "aeioulsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
        break;
      }
    }
    while (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
    return w;
  }

  // `word` without the ’s of a possessive (EU’s is EU), as the index cuts it.
  function possessive(word) {
    return word.length > 2 ? word.replace(/['\u2018\u2019\u02bc][sS]$/, "") : word;
  }

  // `word` without an elided word before its first apostrophe (l’homme is homme).
  function elide(word) {
    if (!elided.size) return word;
    var at = word.search(/['\u2018\u2019\u02bc]/);
    if (at > 0 && elided.has(word.slice(0, at).toLowerCase())) return word.slice(at + 1);
    return word;
  }

  // As the index makes terms: a word longer than MAX_TERM_CHARS is its first ones.
  // The Arabic article joined to a word, cut off as src/search/terms.rs cuts it.
  var ARABIC_ARTICLES = ["وبال", "وكال", "ولل", "وال", "بال", "كال", "فال", "لل", "ال"];
  function arabicArticle(word) {
    for (var i = 0; i < ARABIC_ARTICLES.length; i++) {
      var article = ARABIC_ARTICLES[i];
      if (word.indexOf(article) === 0) {
        return Array.from(word).length - article.length >= 2 ? word.slice(article.length) : word;
      }
    }
    return word;
  }

  function term(folded) {
    if (!ASCII.test(folded)) folded = arabicArticle(folded);
    var chars = Array.from(folded);
    var single = chars.length === 1 && IDEOGRAPHIC.test(folded);
    if ((chars.length < 2 && !single) || stopWords.has(folded)) return null;
    if (chars.length > MAX_TERM_CHARS) return chars.slice(0, MAX_TERM_CHARS).join("");
    return stem(folded);
  }

  // Where each piece `fold` cuts a word holding Chinese or Japanese characters into
  // stands in it (1898年: 1898, 年; 北京大学: 北京, 京大, 大学, 学), as [start, end], or
  // null when they do not line up one to one.
  function piecePlaces(word, count) {
    var places = [];
    var at = 0;
    var stretches = word.match(STRETCHES) || [];
    for (var s = 0; s < stretches.length; s++) {
      var stretch = stretches[s];
      if (IDEOGRAPHIC.test(stretch)) {
        var chars = Array.from(stretch);
        var ends = [at];
        for (var c = 0; c < chars.length; c++) ends.push(ends[c] + chars[c].length);
        for (var i = 0; i + 1 < chars.length; i++) places.push([ends[i], ends[i + 2]]);
        places.push([ends[chars.length - 1], ends[chars.length]]);
      } else {
        places.push([at, at + stretch.length]);
      }
      at += stretch.length;
    }
    return places.length === count ? places : null;
  }

  // Every term of a text with where its word sits: [{ text, start, end }].

  // The terms of `text` with the place of each: its word's, or for a run of Chinese or
  // Japanese characters cut into pairs, the pair's own two characters.
  function terms(text) {
    var out = [];
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text))) {
      var word = m[0];
      var pieces = fold(elide(possessive(word)));
      var at = pieces.length > 1 && IDEOGRAPHIC.test(word) ? piecePlaces(word, pieces.length) : null;
      for (var i = 0; i < pieces.length; i++) {
        var t = term(pieces[i]);
        if (!t) continue;
        out.push({
          text: t,
          start: m.index + (at ? at[i][0] : 0),
          end: m.index + (at ? at[i][1] : word.length),
        });
      }
    }
    return out;
  }

  // Why `text` gives no term: "common" when all its words are very common ones, "short"
  // when all are single letters or digits, "mixed" for both, "" for no word at all.
  function withoutTerms(text) {
    var common = false, short = false;
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text))) {
      fold(elide(possessive(m[0]))).forEach(function (piece) {
        if (stopWords.has(piece)) common = true;
        else short = true;
      });
    }
    return common && short ? "mixed" : common ? "common" : short ? "short" : "";
  }

  // ---- Loading the index with <script> elements. ----

  var data = { manifest: null, shards: {}, cards: {}, docs: {} };
  var loading = {};

  // Where the time of the latest query went: [what, ms since it started] in order.
  var marks = null;
  var markFrom = 0;
  function mark(what) {
    if (marks) marks.push([what, Math.round((performance.now() - markFrom) * 10) / 10]);
  }

  function load(src) {
    if (!loading[src]) {
      mark("request " + src.replace(/^.*\//, "").replace(/\?.*$/, ""));
      loading[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { mark("loaded " + src.replace(/^.*\//, "").replace(/\?.*$/, "")); resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(script);
      });
    }
    return loading[src];
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  // Each digit's value by character code; -1 for anything else.
  var DIGIT_VALUE = new Int8Array(128).fill(-1);
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  // Reads one number written as base-32 digits, low first, each but the last plus 32;
  // returns it and where the next starts.
  function readNumber(text, i) {
    var value = 0;
    var scale = 1;
    var digit = DIGIT_VALUE[text.charCodeAt(i++)];
    while (digit >= 32) {
      value += (digit - 32) * scale;
      scale *= 32;
      digit = DIGIT_VALUE[text.charCodeAt(i++)];
    }
    return [value + digit * scale, i];
  }

  // A posting list (see encode in src/search/index.rs) as two arrays side by side:
  // document numbers ascending and their weights. Decoded in one pass over character
  // codes, with no object a posting: the commonest terms have tens of thousands.
  function PostingList(docs, weights) {
    this.docs = docs;
    this.weights = weights;
    this.size = docs.length;
  }

  function decodePostings(text) {
    var docs = new Uint32Array(text.length >> 1);
    var weights = new Uint8Array(text.length >> 1);
    var n = 0;
    var doc = 0;
    var i = 0;
    var length = text.length;
    while (i < length) {
      var digit = DIGIT_VALUE[text.charCodeAt(i++)];
      var gap = 0;
      var scale = 1;
      while (digit >= 32) {
        gap += (digit - 32) * scale;
        scale *= 32;
        digit = DIGIT_VALUE[text.charCodeAt(i++)];
      }
      doc += gap + digit * scale;
      docs[n] = doc;
      weights[n++] = DIGIT_VALUE[text.charCodeAt(i++)];
    }
    return new PostingList(docs.subarray(0, n), weights.subarray(0, n));
  }

  // The union of several lists, each document at its best weight (a prefix's terms).
  function unionPostings(lists, documents) {
    if (lists.length === 1) return lists[0];
    var best = new Uint8Array(documents);
    var count = 0;
    lists.forEach(function (list) {
      for (var i = 0; i < list.size; i++) {
        var doc = list.docs[i];
        if (!best[doc]) count++;
        if (list.weights[i] > best[doc]) best[doc] = list.weights[i];
      }
    });
    var docs = new Uint32Array(count);
    var weights = new Uint8Array(count);
    var n = 0;
    for (var doc = 0; doc < documents && n < count; doc++) {
      if (best[doc]) {
        docs[n] = doc;
        weights[n++] = best[doc];
      }
    }
    return new PostingList(docs, weights);
  }

  var EMPTY = new PostingList(new Uint32Array(0), new Uint8Array(0));

  function decodeGaps(text) {
    var out = [];
    var value = 0;
    var i = 0;
    while (i < text.length) {
      var read = readNumber(text, i);
      value += read[0];
      i = read[1];
      out.push(value);
    }
    return out;
  }

  // The separators of src/search/store.rs: records, fields, passages, a passage's parts,
  // the result cards of one term and the next.
  var RECORD = "\x1e";
  var FIELD = "\x1f";
  var PASSAGE = "\x1d";
  var PART = "\x1c";
  var TERM = "\x1b";

  // The largest i with list[i] <= value (list sorted, list[0] <= value).
  function atOrBefore(list, value) {
    var lo = 0;
    var hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function Index(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    // The first term of every shard, sorted as JavaScript compares strings.
    this.firsts = manifest.shards ? manifest.shards.split(" ") : [];
    // The terms the most documents hold, most first: suggestions for a misspelling
    // whose first letters are wrong, which sorts far from its word.
    this.common = manifest.common ? manifest.common.split(" ") : [];
    this.starts = decodeGaps(manifest.chunks);
    this.lists = new Map();
    // A typed prefix that starts no term, by id: the typedStem looked for instead.
    this.typed = new Map();
    // Each query term's cards, as shipped; and what results of the latest search show
    // of the documents its terms have cards for.
    this.termCards = new Map();
    this.cards = new Map();
  }

  Index.prototype.url = function (name) {
    return this.base + name + "?v=" + this.manifest.stamp;
  };

  // The number of the shard that would hold `term`, or -1 before the first.
  Index.prototype.shardOf = function (term) {
    if (!this.firsts.length || term < this.firsts[0]) return -1;
    return atOrBefore(this.firsts, term);
  };

  // The shards a query term needs: its own, and for a prefix the ones after it whose
  // first term starts with it, unless there are more than PREFIX_SHARDS in all; then
  // the word itself, or for one Chinese or Japanese character (no word alone) the pairs
  // it starts in its first PREFIX_SHARDS shards.
  Index.prototype.shardsOf = function (q) {
    var n = this.shardOf(q.text);
    if (n < 0) return { shards: [], prefix: false };
    var last = n;
    var prefix = asPrefix(q);
    if (prefix) {
      while (last + 1 < this.firsts.length && this.firsts[last + 1].indexOf(q.text) === 0) last++;
      if (last - n + 1 > PREFIX_SHARDS) {
        if (!lone(q.text)) return { shards: [n], prefix: false };
        last = n + PREFIX_SHARDS - 1;
      }
    }
    var shards = [];
    for (var i = n; i <= last; i++) shards.push(i);
    return { shards: shards, prefix: prefix };
  };

  // A shard: { pairs: term, postings, term, postings... sorted; cards: each term's cards }.
  Index.prototype.shard = function (n) {
    if (data.shards[n] && typeof data.shards[n] !== "string") return Promise.resolve(data.shards[n]);
    return load(this.url("shard-" + n + ".js")).then(function () {
      var text = data.shards[n];
      if (typeof text === "string") {
        var cards = data.cards[n];
        data.shards[n] = { pairs: text ? text.split(" ") : [], cards: cards ? cards.split(TERM) : [] };
      }
      return data.shards[n] || { pairs: [], cards: [] };
    });
  };

  // Keeps the cards of a term (see src/search/cards.rs) as what results show of their
  // documents, a document's passages from several terms together. A card's fields: the
  // document's number, its head (tag, then title, link, date, language; title, link,
  // aliases, language; or note number, kind, quote, body's language), the passage's paragraph number,
  // which ends were cut, the passage, and for a note its article's title, link, date and
  // language. Kept as records are once read: [tag, title, link, date, passages, language].
  Index.prototype.keepCards = function (text) {
    if (!text) return;
    var cards = this.cards;
    text.split(RECORD).forEach(function (card) {
      var f = card.split(FIELD);
      var doc = Number(f[0]);
      var kept = cards.get(doc);
      if (f[1] === "n") {
        if (!kept) cards.set(doc, { note: ["n", 0, Number(f[2]), f[3], f[4], f[5], f[8], Number(f[7])], article: ["a", f[9], f[10], f[11], [], f[12]] });
        return;
      }
      var passage = [Number(f[6]), f[8], Number(f[7])];
      if (!kept) cards.set(doc, { doc: [f[1], f[2], f[3], f[4], [passage], f[5]] });
      else if (!kept.doc[4].some(function (p) { return p[0] === passage[0] && p[1] === passage[1]; })) kept.doc[4].push(passage);
    });
  };

  // The postings of a query term; a prefix term takes every term it starts, at its best
  // weight, or when it starts none, every term its typedStem starts (q.text becomes that).
  Index.prototype.postings = function (q) {
    var self = this;
    var id = q.id;
    if (this.typed.has(id)) q.text = this.typed.get(id);
    if (this.lists.has(id)) return Promise.resolve(this.lists.get(id));
    var where = this.shardsOf(q);
    return Promise.all(where.shards.map(function (n) { return self.shard(n); })).then(function (shards) {
      var found = [];
      var cards = [];
      shards.forEach(function (shard) {
        var pairs = shard.pairs;
        var lo = 0;
        var hi = pairs.length / 2;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (pairs[2 * mid] < q.text) lo = mid + 1;
          else hi = mid;
        }
        for (var i = 2 * lo; i < pairs.length; i += 2) {
          var term = pairs[i];
          if (term === q.text) {
            if (!where.prefix) {
              found.push(decodePostings(pairs[i + 1]));
              cards.push(shard.cards[i / 2]);
              break;
            }
          } else if (!where.prefix || term.indexOf(q.text) !== 0) {
            break;
          }
          found.push(decodePostings(pairs[i + 1]));
          cards.push(shard.cards[i / 2]);
        }
      });
      var stem = q.prefix ? typedStem(q.text) : q.text;
      if (!found.length && stem !== q.text) {
        var again = { text: stem, prefix: true, id: "^" + stem, start: q.start, end: q.end };
        return self.postings(again).then(function (map) {
          // Found by its stem, the word is looked for (and highlighted) as the stem; not
          // found, it stays as typed, for a suggestion to start from.
          if (map.size) {
            q.text = stem;
            self.typed.set(id, stem);
          }
          self.lists.set(id, map);
          self.termCards.set(id, self.termCards.get(again.id));
          return map;
        });
      }
      var map = found.length ? unionPostings(found, self.manifest.documents) : EMPTY;
      self.lists.set(id, map);
      self.termCards.set(id, cards);
      mark("decoded " + q.text);
      return map;
    });
  };

  // The records of chunk n, each split into its fields when first asked for.
  Index.prototype.chunk = function (n) {
    return load(this.url("docs-" + n + ".js")).then(function () {
      var chunk = data.docs[n];
      if (typeof chunk === "string") data.docs[n] = chunk = chunk.split(RECORD);
      return chunk || [];
    });
  };

  function fields(records, i) {
    var record = records[i];
    if (typeof record === "string") {
      record = record.split(FIELD);
      if (record[0] !== "n") {
        // The language comes before the passages; kept after them, as cards keep it.
        var language = record[4];
        record[4] = record[5].split(PASSAGE).map(function (p) {
          var at = p.indexOf(PART);
          return [Number(p.slice(0, at)), p.slice(at + 1)];
        });
        record[5] = language;
      } else {
        record[1] = Number(record[1]);
        record[2] = Number(record[2]);
      }
      records[i] = record;
    }
    return record;
  }

  // What a result shows of document `doc`: { doc } or { note, article }, from the cards
  // at hand or else from its chunk.
  Index.prototype.record = function (doc) {
    var card = this.cards.get(doc);
    if (card) return Promise.resolve(card);
    return this.stored(doc);
  };

  // What a result shows of document `doc`, from its chunk, with all its passages.
  Index.prototype.stored = function (doc) {
    var n = atOrBefore(this.starts, doc);
    var start = this.starts[n];
    return this.chunk(n).then(function (records) {
      var at = doc - start;
      var record = fields(records, at);
      if (record[0] === "n") return { note: record, article: fields(records, at - record[1]) };
      return { doc: record };
    });
  };

  // Ranked results: every document holding all the query's terms, by the sum of
  // idf × weight; ties keep index order.
  // Null instead when `stale()` says by then that a newer query took its place.
  Index.prototype.search = function (query, stale) {
    var self = this;
    var total = this.manifest.documents;
    return Promise.all(query.terms.map(function (q) { return self.postings(q); })).then(function (lists) {
      if (stale()) return null;
      self.cards = new Map();
      query.terms.forEach(function (q) {
        (self.termCards.get(q.id) || []).forEach(function (text) { self.keepCards(text); });
      });
      if (!lists.length) return noResults();
      return rank(lists, total);
    });
  };

  // The results of `query`, with the query that found them: { query, results }, or null
  // when `stale()` says a newer query took its place. A query opened from an address or
  // submitted looks for its last word whole (The Hill, not Hillary), and for the words
  // it starts, as while typing, only when that finds nothing.
  Index.prototype.find = function (query, stale) {
    var self = this;
    return this.search(query, stale).then(function (results) {
      var typed = parseQuery(query.text, true);
      var same = typed.terms.every(function (q, i) { return q.id === query.terms[i].id; });
      if (!results || results.length || same) return results && { query: query, results: results };
      return self.search(typed, stale).then(function (more) {
        return more && { query: more.length ? typed : query, results: more };
      });
    });
  };

  // ---- Suggestions: a word the index lacks, one or two edits from one it holds. ----

  // The edit distance of a and b (insertions, deletions, substitutions and swaps of
  // two neighbours), or most + 1 once it is surely more than `most`.
  function editDistance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var next = [i];
      var least = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var d = Math.min(row[k] + 1, next[k - 1] + 1, row[k - 1] + cost);
        if (before && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) d = Math.min(d, before[k - 2] + 1);
        next.push(d);
        if (d < least) least = d;
      }
      if (least > most) return most + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }

  // The word of `text` whose term is `wanted`, as written there; null when none is.
  function writtenAs(wanted, text) {
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text))) {
      var pieces = fold(elide(possessive(m[0])));
      if (pieces.length === 1 && term(pieces[0]) === wanted) return m[0];
    }
    return null;
  }

  // `word` in the case the reader typed `typed` in: all small letters, or a capital first.
  function casedLike(typed, word) {
    if (typed === typed.toLowerCase()) return word.toLowerCase();
    if (typed[0] === typed[0].toUpperCase() && typed.slice(1) === typed.slice(1).toLowerCase()) {
      return word[0].toUpperCase() + word.slice(1);
    }
    return word;
  }

  // The term of the index closest to query term `q`, which the index lacks, as written;
  // null when none is close. Close is one edit away, two for a word of eight letters or
  // more; for a word still being typed, the start of a term counts too (as half an edit
  // more). Looked for in the shard where `q` would be and the shards on either side,
  // since a misspelling mostly sorts next to its word (goverment, government), which may
  // start the next shard or end the one before; and among the manifest's commonest
  // terms, for a misspelling whose first letters are wrong (contry, country). The
  // closest wins; between equally close ones, the one more documents hold. A promise.
  Index.prototype.closest = function (q) {
    var word = q.text;
    var n = Math.max(0, this.shardOf(word));
    // A word of letters and digits, in any script but the ones cut into pairs.
    if (!this.firsts.length || Array.from(word).length < 4 || !/^[\p{L}\p{N}]+$/u.test(word) || IDEOGRAPHIC.test(word)) return Promise.resolve(null);
    var self = this;
    var most = word.length >= 8 ? 2 : 1;
    var distance = function (candidate) {
      // A whole word this close comes before the start of a longer one as close
      // (contry: country, then control).
      var d = editDistance(word, candidate, most);
      if (q.prefix && candidate.length > word.length) {
        var start = editDistance(word, candidate.slice(0, word.length), most);
        if (start < d) d = start + 0.5;
      }
      return d;
    };
    // The commonest term as close as any: its rank among them, or -1.
    var common = -1;
    var commonDistance = most + 1;
    this.common.forEach(function (candidate, rank) {
      var d = distance(candidate);
      if (d <= most + 0.5 && d < commonDistance) {
        common = rank;
        commonDistance = d;
      }
    });
    var around = [n - 1, n, n + 1].filter(function (k) { return k >= 0 && k < self.firsts.length; });
    return Promise.all(around.map(function (k) { return self.shard(k); })).then(function (shards) {
      var best = null;
      var bestTerm = null;
      var bestDistance = most + 1;
      var bestSize = -1;
      shards.forEach(function (shard) {
        for (var i = 0; i < shard.pairs.length; i += 2) {
          var candidate = shard.pairs[i];
          var d = distance(candidate);
          var size = shard.pairs[i + 1].length;
          if (d <= most + 0.5 && (d < bestDistance || (d === bestDistance && size > bestSize))) {
            best = writtenAs(candidate, shard.cards[i / 2] || "") || candidate;
            bestTerm = candidate;
            bestDistance = d;
            bestSize = size;
          }
        }
      });
      if (common < 0) return best;
      var term = self.common[common];
      // Nearer, or as near and commoner: a term close by that is not among the commonest
      // is held by fewer documents.
      var rival = bestTerm === null ? -1 : self.common.indexOf(bestTerm);
      if (commonDistance > bestDistance || term === bestTerm || (commonDistance === bestDistance && rival >= 0 && rival < common)) return best;
      return self.writtenTerm(term);
    });
  };

  // Term `term` as a result card of it writes it (the term itself when none does). A
  // promise.
  Index.prototype.writtenTerm = function (term) {
    var n = this.shardOf(term);
    if (n < 0) return Promise.resolve(term);
    return this.shard(n).then(function (shard) {
      for (var i = 0; i < shard.pairs.length; i += 2) {
        if (shard.pairs[i] === term) return writtenAs(term, shard.cards[i / 2] || "") || term;
      }
      return term;
    });
  };

  // `query` with each word the index has no term for replaced by the closest one it has,
  // and how many results that finds: { text, count }; null when no word has a close term
  // or the new query finds nothing either.
  Index.prototype.suggest = function (query, stale) {
    var self = this;
    var missing = query.terms.filter(function (q) {
      var list = self.lists.get(q.id);
      return list && !list.size;
    });
    return Promise.all(missing.map(function (q) { return self.closest(q); })).then(function (words) {
      var changes = [];
      missing.forEach(function (q, i) {
        if (words[i]) changes.push([q.start, q.end, casedLike(query.text.slice(q.start, q.end), words[i])]);
      });
      if (!changes.length || stale()) return null;
      var text = query.text;
      changes.sort(function (a, b) { return b[0] - a[0]; });
      changes.forEach(function (c) { text = text.slice(0, c[0]) + c[2] + text.slice(c[1]); });
      return self.find(parseQuery(text.trim()), stale).then(function (found) {
        return found && found.results.length ? { text: text.trim(), count: found.results.length } : null;
      });
    });
  };

  // Every document holding all of `lists`, with the sum of idf × weight over `total`
  // documents.
  function rank(lists, total) {
    lists = lists.slice().sort(function (a, b) { return a.size - b.size; });
    var idf = lists.map(function (list) {
      return Math.log(1 + (total - list.size + 0.5) / (list.size + 0.5));
    });
    // Walk the shortest list; every other list is sorted too, so a cursor in each
    // only moves forward (by doubling steps, then halving, past the gaps). Results go
    // into typed arrays sized for the most there can be: no array grows a push at a time.
    var first = lists[0];
    var scores = new Float64Array(first.size);
    var at;
    if (lists.length === 1) {
      for (at = 0; at < first.size; at++) scores[at] = idf[0] * first.weights[at];
      return new Ranking(first.docs, scores);
    }
    var docs = new Uint32Array(first.size);
    var n = 0;
    var rest = lists.length;
    var cursors = new Int32Array(rest);
    for (at = 0; at < first.size; at++) {
      var doc = first.docs[at];
      var score = idf[0] * first.weights[at];
      var all = true;
      for (var i = 1; i < rest && all; i++) {
        var other = lists[i];
        var others = other.docs;
        var size = other.size;
        var c = cursors[i];
        var step = 1;
        while (c + step < size && others[c + step] <= doc) step *= 2;
        var hi = Math.min(c + step, size);
        while (c < hi && others[c] < doc) {
          var mid = (c + hi) >> 1;
          if (others[mid] < doc) c = mid + 1;
          else hi = mid;
        }
        cursors[i] = c;
        if (c < size && others[c] === doc) score += idf[i] * other.weights[c];
        else all = false;
      }
      if (!all) continue;
      docs[n] = doc;
      scores[n++] = score;
    }
    return new Ranking(docs.subarray(0, n), scores.subarray(0, n));
  }

  // Documents (ascending) with their scores, put in order only as far as someone looks:
  // the first page is picked in one pass, the whole list sorted only for the pages after.
  // Higher scores first; equal scores keep index order.
  function Ranking(docs, scores) {
    this.docs = docs;
    this.scores = scores;
    this.length = docs.length;
    this.order = null;
  }

  function noResults() {
    return new Ranking(new Uint32Array(0), new Float64Array(0));
  }

  // Document numbers ranked from..to-1.
  Ranking.prototype.slice = function (from, to) {
    var docs = this.docs;
    var scores = this.scores;
    to = Math.min(to, this.length);
    var picked = [];
    if (!this.order && to <= PAGE) {
      // The best `to` positions, best first. Positions come in index order, so one only
      // displaces a kept one by scoring strictly higher.
      var top = [];
      var floor = -Infinity;
      for (var i = 0; i < this.length; i++) {
        var score = scores[i];
        if (top.length === to && score <= floor) continue;
        var at = top.length;
        while (at > 0 && score > scores[top[at - 1]]) at--;
        top.splice(at, 0, i);
        if (top.length > to) top.pop();
        if (top.length === to) floor = scores[top[to - 1]];
      }
      for (var t = from; t < top.length; t++) picked.push(docs[top[t]]);
      return picked;
    }
    if (!this.order) {
      var order = new Array(this.length);
      for (var k = 0; k < this.length; k++) order[k] = k;
      order.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      this.order = order;
    }
    for (var o = from; o < to; o++) picked.push(docs[this.order[o]]);
    return picked;
  };

  // A word still being typed, cut back past the start of an ending the stemmer takes off
  // (talki, talkin: talk; polici: polic; stopp, stoppe: stop): what is looked for when
  // the letters typed start no term, so the words they could become stay found.
  function typedStem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    var w = word.replace(/(?:in|ie|i|edl|ed|e)$/, "");
    var n = w.length;
    if (n >= 4 && w[n - 1] === w[n - 2] && "aeioulsz".indexOf(w[n - 1]) < 0) w = w.slice(0, -1);
    return w.length >= 3 ? w : word;
  }

  // What a reader typed, as query terms: the last one is a prefix while the reader is
  // still typing it (`live`: the box's text as it changes, not a query opened from an
  // address or submitted), and so is every Korean word, which the text writes with its
  // particles and endings joined to it (서울 finds 서울대학교는), and every Chinese or
  // Japanese word of one character (猫 finds 猫很可爱). The last character of a longer
  // one, which the index holds alone only where it ends a run, is left out: its pair
  // is looked for.
  var HANGUL = /[\uac00-\ud7a3]/;
  function parseQuery(text, live) {
    var found = terms(text);
    var seen = new Set();
    var list = [];
    found.forEach(function (t, i) {
      if (lone(t.text) && i > 0 && found[i - 1].end === t.end) return;
      var prefix = (live && i === found.length - 1 && t.end === text.length) || HANGUL.test(text.slice(t.start, t.end)) || lone(t.text);
      var q = { text: t.text, prefix: prefix, id: (prefix ? "^" : "=") + t.text, start: t.start, end: t.end };
      if (seen.has(q.id)) return;
      seen.add(q.id);
      list.push(q);
    });
    return { text: text, terms: list };
  }

  // Whether query term `q` is looked for as the start of terms: a prefix of three
  // letters or more, or of Chinese or Japanese characters.
  function asPrefix(q) {
    return q.prefix && (q.text.length >= 3 || IDEOGRAPHIC.test(q.text));
  }

  // ---- Showing results. ----

  var PREFIX_SHARDS = 4;
  // The site's own words (<body data-labels>, from site.toml's [labels]), or these.
  var LABELS = {
    more_results: "More results",
    results_for: "{n} results for “{query}”.",
    results_for_one: "{n} result for “{query}”.",
    results_showing: "{n} results for “{query}”, showing the first {m}.",
    no_results_for: "No results for “{query}”.",
    did_you_mean: "Did you mean {query}?",
    only_common_words: "Only very common words: add a more specific one.",
    only_short_words: "Single letters and digits are not searched: add a word of two or more.",
    only_common_and_short: "Only very common words and single letters: add a more specific word.",
    nothing_to_search: "Nothing to search for in these characters: type a word.",
    search_failed: "Search could not load its index ({error}).",
    result_article: "Article",
    result_note: "Note {n}",
    result_context: "Context",
    result_page: "Page",
    result_on: "on",
    result_also: "also",
    kind_context: "context",
    kind_definition: "definition",
    kind_correction: "correction",
    kind_source: "source",
    date: "{month} {day}, {year}",
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  };
  (function () {
    try {
      var own = JSON.parse(document.body.dataset.labels || "{}");
      for (var key in own) {
        // A count's forms and the language whose rules pick them come with it.
        var base = key.replace(/_(zero|one|two|few|many|rules)$/, "");
        if (Object.prototype.hasOwnProperty.call(LABELS, base)) LABELS[key] = own[key];
      }
    } catch (error) {
      // Labels that do not read as JSON leave the English in place.
    }
  })();

  // Label `key` with each {name} of `values` filled in.
  function label(key, values) {
    return LABELS[key].replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  // Count label `key` for the number `n`: the form of n's plural category (CLDR's, as
  // the browser has them for the language LABELS[key + "_rules"], English when none),
  // or the label itself when the site gave no such form.
  function countLabel(key, n, values) {
    var form = key;
    try {
      form = key + "_" + new Intl.PluralRules(LABELS[key + "_rules"] || "en").select(n);
    } catch (error) {
      // No plural rules in this browser: the label itself.
    }
    return label(LABELS[form] != null ? form : key, values);
  }
  var PAGE = 10;
  // Milliseconds without a newer message before the live region speaks.
  var ANNOUNCE_PAUSE = 500;
  var EXCERPT_CHARS = 240;

  function formatDate(day) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || "");
    if (!parts) return "";
    return label("date", { month: LABELS.months[Number(parts[2]) - 1], day: Number(parts[3]), year: parts[1] });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // The words of `text` that match, as [start, end] pairs, and how many query terms they cover.
  // Letters or digits outside ASCII: text holding one needs the full rules to match.
  var FOREIGN = /[^\x00-\x7f\p{P}\p{Z}\p{S}\p{Cc}]/u;

  // False only when no query term can be in `text`: every term is a prefix of its
  // folded word once a final "y" is dropped, and dots and commas aside (U.S. is us, 3,14
  // is 3.14), so a plain search rules most passages out.
  function couldMatch(text, query) {
    if (FOREIGN.test(text)) return true;
    var plain = text.toLowerCase().replace(/['\u2018\u2019\u02bc.,\u00ad\u200b-\u200d\u2060\ufeff\u0640]/g, "");
    return query.terms.some(function (q) {
      var needle = q.text.replace(/\./g, "");
      return plain.indexOf(needle.endsWith("y") ? needle.slice(0, -1) : needle) >= 0;
    });
  }

  function matches(text, query) {
    var spans = [];
    var covered = new Set();
    if (!couldMatch(text, query)) return { spans: spans, count: 0 };
    terms(text).forEach(function (t) {
      query.terms.forEach(function (q, i) {
        var hit = asPrefix(q) ? t.text.indexOf(q.text) === 0 : t.text === q.text;
        if (!hit) return;
        covered.add(i);
        // Chinese or Japanese characters found at the start of a pair mark only themselves.
        var end = IDEOGRAPHIC.test(q.text) ? t.start + q.text.length : t.end;
        // Two query terms in one word, or overlapping pairs of characters: one span.
        var last = spans[spans.length - 1];
        if (last && t.start < last[1]) last[1] = Math.max(last[1], end);
        else spans.push([t.start, end]);
      });
    });
    return { spans: spans, count: covered.size };
  }

  function highlight(text, spans, from, to) {
    var html = "";
    var at = from;
    spans.forEach(function (s) {
      if (s[1] <= from || s[0] >= to) return;
      html += escapeHtml(text.slice(at, s[0])) + "<mark>" + escapeHtml(text.slice(s[0], s[1])) + "</mark>";
      at = s[1];
    });
    return html + escapeHtml(text.slice(at, to));
  }

  // About EXCERPT_CHARS of `text` around its first match, cut at spaces, with ellipses;
  // `cut` says which ends of a card's passage were already cut (1: the start, 2: the end).
  function excerpt(text, spans, cut) {
    var before = cut & 1 ? "… " : "";
    var after = cut & 2 ? " …" : "";
    if (text.length <= EXCERPT_CHARS) return before + highlight(text, spans, 0, text.length) + after;
    var first = spans.length ? spans[0][0] : 0;
    var from = Math.max(0, first - 60);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      from = space >= 0 && space < first ? space + 1 : from;
    }
    var to = Math.min(text.length, from + EXCERPT_CHARS);
    if (to < text.length) {
      var back = text.lastIndexOf(" ", to);
      if (back > from) to = back;
    }
    return (from > 0 ? "… " : before) + highlight(text, spans, from, to) + (to < text.length ? " …" : after);
  }

  // A text fragment for a passage no element id points at: its first words, and its
  // last ones when it has more than that.
  var FRAGMENT_WORDS = 4;
  function textDirective(text) {
    var words = text.split(" ").filter(Boolean);
    if (!words.length) return "";
    var enc = function (s) { return encodeURIComponent(s).replace(/-/g, "%2D"); };
    var start = words.slice(0, FRAGMENT_WORDS).join(" ");
    var end = words.length > FRAGMENT_WORDS ? words.slice(Math.max(FRAGMENT_WORDS, words.length - FRAGMENT_WORDS)).join(" ") : "";
    return ":~:text=" + enc(start) + (end ? "," + enc(end) : "");
  }

  // The passage with most query terms; the first one when none has any.
  function bestPassage(passages, query) {
    var best = { passage: passages[0], found: { spans: [], count: 0 } };
    passages.forEach(function (p) {
      var found = matches(p[1], query);
      if (found.count > best.found.count) best = { passage: p, found: found };
    });
    return best;
  }

  // What one result shows: { kind, label, title, date, href, passage (HTML), quote,
  // language }; `language` is "tag direction" ("ar rtl"), or empty for the site's own.
  function describe(hit, query, root) {
    if (hit.note) {
      var note = hit.note;
      var article = hit.article;
      var body = note[6] || note[4];
      var cut = note[6] ? note[7] || 0 : 0;
      return {
        kind: "note",
        label: label("result_note", { n: note[2] }) +
          (note[3] && note[3] !== "context" ? " (" + (LABELS["kind_" + note[3]] || note[3]) + ")" : ""),
        title: article[1],
        date: article[3],
        href: root + article[2] + "#note-" + note[2],
        quote: note[4],
        language: article[5],
        // The body may be in another language than the quote (the site's): empty then.
        passageLanguage: note[5],
        passage: excerpt(body, matches(body, query).spans, cut),
      };
    }
    var doc = hit.doc;
    var best = bestPassage(doc[4], query);
    var passage = best.passage;
    var fragment = "";
    if (passage && best.found.count > 0) {
      fragment = passage[0] > 0 ? "#p-" + passage[0] : "#" + textDirective(passage[1]);
      if (fragment === "#") fragment = "";
    }
    var text = passage ? passage[1] : "";
    var kind = { a: "article", c: "context", p: "page" }[doc[0]] || "context";
    return {
      kind: kind,
      label: LABELS["result_" + kind],
      title: doc[1],
      date: doc[0] === "a" ? doc[3] : "",
      href: root + doc[2] + fragment,
      quote: doc[0] === "c" && doc[3] ? doc[3] : "",
      language: doc[5],
      passage: excerpt(text, best.found.spans, passage ? passage[2] : 0),
    };
  }

  // ` lang="…" dir="…"` for a language field ("ar rtl"), or nothing for the site's own.
  function langAttributes(field) {
    var language = (field || "").split(" ");
    return language[0] ? ' lang="' + escapeHtml(language[0]) + '" dir="' + escapeHtml(language[1] || "auto") + '"' : "";
  }

  function resultItem(result, query, n) {
    var li = document.createElement("li");
    li.className = "search-result search-" + result.kind;
    var titleSpans = matches(result.title, query).spans;
    var passageId = "search-passage-" + n;
    // The article's own language on what is quoted from it (not on the labels); a note's
    // body in its own.
    var lang = langAttributes(result.language);
    var passageLang = result.kind === "note" ? langAttributes(result.passageLanguage) : lang;
    var html = '<a class="search-hit" href="' + escapeHtml(result.href) + '" aria-describedby="' + passageId + '">' +
      '<span class="search-kind">' + escapeHtml(result.label) + "</span> " +
      '<span class="search-title"' + lang + ">" + highlight(result.title, titleSpans, 0, result.title.length) + "</span></a>";
    var meta = [];
    if (result.date) meta.push('<time datetime="' + escapeHtml(result.date) + '">' + formatDate(result.date) + "</time>");
    if (result.quote) {
      var quoted = highlight(result.quote, matches(result.quote, query).spans, 0, result.quote.length);
      meta.push(result.kind === "note"
        ? escapeHtml(LABELS.result_on) + " <q" + lang + ">" + quoted + "</q>"
        : escapeHtml(LABELS.result_also) + " " + quoted);
    }
    if (meta.length) html += '<p class="search-meta">' + meta.join(" · ") + "</p>";
    html += '<p class="search-passage" id="' + passageId + '"' + passageLang + ">" + result.passage + "</p>";
    li.innerHTML = html;
    return li;
  }

  // Runs, on made-up data the size of a common term's, the code a first query runs:
  // decoding, ranking, matching and showing a result. A browser first runs a page's
  // code slowly and compiles what runs much; done while the reader is still on the way
  // to the search box, this makes the first query as quick as the ones after it.
  // Touches nothing a query uses.
  function warmUp() {
    var postings = "";
    for (var i = 0; i < 16384; i++) postings += DIGITS[1 + (i * 7) % 31] + DIGITS[1 + (i * 13) % 63];
    var lists = [decodePostings(postings), decodePostings(postings.slice(2, 20000)), decodePostings(postings)];
    unionPostings(lists.slice(0, 2), lists[0].docs[lists[0].size - 1] + 1);
    rank(lists.slice(0, 1), 1 << 20).slice(0, PAGE);
    rank(lists, 1 << 20).slice(0, PAGE);
    var query = parseQuery("budgets of the hospital");
    var text = "The council cut the hospital’s budget in 2019, and the schools' budgets the year after.";
    for (var k = 0; k < 10; k++) {
      var found = matches(text, query);
      resultItem({ kind: "article", label: "Article", title: text, date: "2019-01-02", href: "#", quote: "",
        passage: excerpt(text, found.spans, 0) }, query, k);
    }
  }

  // Calls `task` when the page has nothing else to do.
  function whenIdle(task) {
    if (window.requestIdleCallback) window.requestIdleCallback(task, { timeout: 1000 });
    else setTimeout(task, 50);
  }

  // The search page names the manifest among its own scripts, so that the browser asks
  // for it while it reads the page; it runs after this script, which listens for it
  // before it can have loaded or failed.
  var namedManifest = (function () {
    var named = document.querySelector("script[data-gloss-manifest]");
    if (!named) return null;
    return new Promise(function (resolve, reject) {
      named.addEventListener("load", resolve);
      named.addEventListener("error", function () { reject(new Error("cannot load " + named.src)); });
    });
  })();

  // The manifest at `src`: the one the page names, or else loaded now.
  function loadManifest(src) {
    if (data.manifest) return Promise.resolve();
    return namedManifest || load(src);
  }

  // ---- The search page. ----

  // What search cannot run without, as selectors inside the search section.
  var REQUIRED = ["form", "#search-input", "#search-results"];

  // A new element `tag` with id and class `name`, appended to `section`.
  function added(section, tag, name) {
    var element = document.createElement(tag);
    element.id = name;
    element.className = name;
    if (tag === "button") {
      element.type = "button";
      element.hidden = true;
      element.textContent = LABELS.more_results;
    } else {
      // Heard by screen readers: it may be the only place the count is said.
      element.setAttribute("role", "status");
    }
    section.appendChild(element);
    return element;
  }

  function SearchPage(section) {
    this.section = section;
    this.root = section.getAttribute("data-root") || "";
    this.input = section.querySelector("#search-input");
    this.form = section.querySelector("form");
    // What the template left out of the optional parts is added at the section's end.
    this.status = section.querySelector("#search-status") || added(section, "p", "search-status");
    // The live region screen readers hear; without one, the status is announced.
    this.live = section.querySelector("#search-live");
    this.liveTimer = 0;
    this.list = section.querySelector("#search-results");
    this.more = section.querySelector("#search-more") || added(section, "button", "search-more");
    this.index = null;
    this.ready = null;
    this.sequence = 0;
    this.results = noResults();
    this.shown = 0;
    this.query = null;
    // Resolved once every page shown has its best passages in place.
    this.settled = Promise.resolve();
  }

  SearchPage.prototype.open = function () {
    var base = this.root + "search/";
    if (!this.ready) {
      this.ready = loadManifest(base + "manifest.js").then(function () {
        var manifest = data.manifest;
        if (!manifest || manifest.format !== 6) throw new Error("unknown index format");
        stopWords = new Set(manifest.stopWords.split(" "));
        elided = new Set((manifest.elided || "").split(" ").filter(Boolean));
        return new Index(base, manifest);
      });
    }
    return this.ready;
  };

  // Runs a query; `typing` when it came from one key of typing, so that the count is
  // spoken only once the typing pauses; `live` when it is the box's text as it changes
  // (see parseQuery).
  SearchPage.prototype.run = function (text, typing, live) {
    var self = this;
    var sequence = ++this.sequence;
    this.section.setAttribute("data-state", "busy");
    var started = performance.now();
    var timing = { text: text, results: 0, rankedMs: 0, firstMs: 0, ms: 0, marks: [] };
    marks = timing.marks;
    markFrom = started;
    return this.open().then(function (index) {
      var query = parseQuery(text, live);
      if (!query.terms.length) {
        self.show(query, sequence, typing);
        return null;
      }
      var stale = function () { return sequence !== self.sequence; };
      return index.find(query, stale).then(function (found) {
        if (!found || stale()) return null;
        var results = found.results;
        query = found.query;
        // Two letters typed so far, that start words but are none: no verdict yet (a
        // prefix is looked for from its third letter).
        var last = query.terms[query.terms.length - 1];
        if (!results.length && typing && last.prefix && !asPrefix(last)) {
          self.list.textContent = "";
          self.more.hidden = true;
          self.say("", typing);
          self.section.setAttribute("data-state", "done");
          return null;
        }
        timing.rankedMs = performance.now() - started;
        mark("ranked");
        timing.results = results.length;
        self.results = results;
        self.shown = 0;
        self.query = query;
        self.list.textContent = "";
        var first = function () { timing.firstMs = performance.now() - started; };
        var showing = self.page(index, sequence, first);
        self.announce(query, results.length, typing);
        if (!results.length) {
          index.suggest(query, stale).then(function (suggestion) {
            if (suggestion && !stale()) self.offer(query, suggestion, typing);
          });
        }
        return showing.then(function () {
          if (sequence !== self.sequence) return;
          timing.ms = performance.now() - started;
          api.lastQuery = timing;
          self.section.setAttribute("data-state", "done");
        });
      });
    }).catch(function (error) {
      self.say(label("search_failed", { error: error.message }));
    });
  };

  SearchPage.prototype.show = function (query, sequence, typing) {
    if (sequence !== this.sequence) return;
    this.results = noResults();
    this.list.textContent = "";
    this.more.hidden = true;
    var why = withoutTerms(query.text);
    this.say({
      common: LABELS.only_common_words,
      short: LABELS.only_short_words,
      mixed: LABELS.only_common_and_short,
      "": query.text.trim() ? LABELS.nothing_to_search : ""
    }[why], typing);
    this.section.setAttribute("data-state", "done");
  };

  SearchPage.prototype.announce = function (query, count, typing) {
    var values = { n: count, query: query.text.trim(), m: this.shown };
    this.say(count === 0 ? label("no_results_for", values)
      : countLabel(count > this.shown ? "results_showing" : "results_for", count, values), typing);
  };

  // After "no results": "Did you mean …?", the suggested query a link that runs it.
  SearchPage.prototype.offer = function (query, suggestion, typing) {
    var self = this;
    var nothing = label("no_results_for", { query: query.text.trim() });
    var parts = LABELS.did_you_mean.split("{query}");
    this.say(nothing + " " + parts.join(suggestion.text), typing);
    var link = document.createElement("a");
    link.className = "search-suggestion";
    link.href = "?q=" + encodeURIComponent(suggestion.text);
    link.textContent = suggestion.text;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      self.input.value = suggestion.text;
      self.input.focus();
      self.form.dispatchEvent(new Event("submit", { cancelable: true }));
    });
    this.status.textContent = nothing + " " + parts[0];
    this.status.appendChild(link);
    this.status.appendChild(document.createTextNode(parts.slice(1).join(suggestion.text)));
  };

  // Shows a status message at once and tells screen readers: at once too, or, for the
  // query of a key of typing, once the reader pauses (every key searches, and a count a
  // key would be a count too many to hear).
  SearchPage.prototype.say = function (text, typing) {
    var live = this.live || this.status;
    if (this.live) this.status.textContent = text;
    clearTimeout(this.liveTimer);
    if (!typing) {
      live.textContent = text;
      return;
    }
    this.liveTimer = setTimeout(function () { live.textContent = text; }, ANNOUNCE_PAUSE);
  };

  // Shows the next PAGE results, each as soon as it and those above it have their
  // document chunks, all loaded at once; `first` is called when the first one shows.
  SearchPage.prototype.page = function (index, sequence, first) {
    var self = this;
    var start = this.shown;
    var slice = this.results.slice(start, start + PAGE);
    var hits = new Array(slice.length);
    var next = 0;
    var items = new Array(slice.length);
    var flush = function () {
      if (sequence !== self.sequence) return;
      while (next < slice.length && hits[next] !== undefined) {
        var hit = hits[next];
        if (hit.doc || hit.note) {
          items[next] = resultItem(describe(hit, self.query, self.root), self.query, start + next);
          self.list.appendChild(items[next]);
          mark("shown " + (start + next));
          if (first && next === 0) first();
        }
        next++;
      }
    };
    this.shown += slice.length;
    this.more.hidden = this.shown >= this.results.length;
    var fetch = function (r, i) {
      return index.record(r).then(function (hit) {
        hits[i] = hit;
        flush();
      });
    };
    var shown = Promise.all(slice.map(fetch));
    // A result shown from its words' cards has, of each word, the passage where it first
    // occurs; when none of them holds every word of the query, its chunk may. Read once
    // the page is shown, it puts the passage holding the most in place; `settled` waits
    // for that too.
    var better = shown.then(function () {
      var query = self.query;
      return Promise.all(slice.map(function (r, i) {
        var hit = hits[i];
        if (!items[i] || !hit.doc || index.cards.get(r) !== hit || query.terms.length < 2) return null;
        var had = bestPassage(hit.doc[4], query).found.count;
        if (had >= query.terms.length) return null;
        return index.stored(r).then(function (full) {
          if (sequence !== self.sequence || !full.doc || !items[i].parentNode) return;
          if (bestPassage(full.doc[4], query).found.count <= had) return;
          var item = resultItem(describe(full, query, self.root), query, start + i);
          var focused = items[i].contains(document.activeElement);
          items[i].replaceWith(item);
          items[i] = item;
          if (focused) item.querySelector("a.search-hit").focus({ preventScroll: true });
        }, function () {});
      }));
    });
    this.settled = Promise.all([this.settled, better]);
    return shown;
  };

  SearchPage.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.search-hit"));
  };

  SearchPage.prototype.attach = function () {
    var self = this;
    var timer = 0;
    var params = new URLSearchParams(location.search);
    var initial = params.get("q") || "";
    // Back from a result the page itself was not kept for (the browser keeps none opened
    // from file://): how far the reader had gone, which `opening` left in the address.
    var back = history.state && history.state.glossSearch;
    if (!back || back.q !== initial) back = null;
    this.input.value = initial;
    this.section.setAttribute("data-state", "idle");
    var remember = function (text, state) {
      try {
        var url = new URL(location.href);
        if (text) url.searchParams.set("q", text);
        else url.searchParams.delete("q");
        history.replaceState(state || null, "", url.href);
      } catch (e) { /* some browsers refuse history changes on file:// */ }
    };
    var now = function () {
      clearTimeout(timer);
      remember(self.input.value);
      return self.run(self.input.value);
    };
    // Every keystroke searches at once (a newer query makes older ones stop before they
    // rank or show anything); the address follows once typing pauses, as browsers
    // throttle pages that rewrite their history on every key.
    var last = this.input.value;
    this.input.addEventListener("input", function () {
      var value = self.input.value;
      // One character more or fewer is a key of typing; anything else (a paste, a
      // cleared box, a suggestion taken) is a whole query.
      var typing = Math.abs(value.length - last.length) === 1;
      last = value;
      self.run(value, typing, true);
      clearTimeout(timer);
      timer = setTimeout(function () { timer = 0; remember(self.input.value); }, 400);
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      now();
    });
    // A result opened before typing paused: the address takes the query first, so
    // that Back comes to it.
    var flush = function () {
      if (!timer) return;
      clearTimeout(timer);
      timer = 0;
      remember(self.input.value);
    };
    // A result opened: the address keeps the query with how many results were shown,
    // where the page was scrolled and, when the keyboard opened it (a click with no
    // count), which result it was, for Back to show them again.
    var opening = function (event) {
      var link = event.target.closest ? event.target.closest("a.search-hit") : null;
      if (!link) return;
      clearTimeout(timer);
      timer = 0;
      remember(self.input.value, { glossSearch: {
        q: self.input.value,
        shown: self.shown,
        scroll: window.scrollY,
        focus: event.detail === 0 ? self.links().indexOf(link) : -1,
      } });
    };
    this.list.addEventListener("click", opening, true);
    window.addEventListener("pagehide", flush);
    this.more.addEventListener("click", function () {
      var sequence = self.sequence;
      self.open().then(function (index) {
        var first = self.shown;
        return self.page(index, sequence).then(function () {
          self.announce(self.query, self.results.length);
          var links = self.links();
          if (links[first]) links[first].focus();
        });
      });
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var links = self.links();
        if (links.length) {
          event.preventDefault();
          links[0].focus();
        }
      }
    });
    this.list.addEventListener("keydown", function (event) {
      var links = self.links();
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      var next = null;
      if (event.key === "ArrowDown") next = links[Math.min(at + 1, links.length - 1)];
      else if (event.key === "ArrowUp") next = at === 0 ? self.input : links[at - 1];
      else if (event.key === "Home") next = links[0];
      else if (event.key === "End") next = links[links.length - 1];
      else if (event.key === "Escape") next = self.input;
      if (next) {
        event.preventDefault();
        next.focus();
      }
    });
    this.open().then(function () {
      // A query already on its way warms the code itself.
      whenIdle(function () {
        if (self.sequence) return;
        warmUp();
        api.warmed = true;
      });
    }, function () {});
    this.input.focus();
    if (initial) {
      // The address keeps what Back came to, for a later Back to come to it again.
      remember(initial, back && { glossSearch: back });
      var ran = this.run(initial);
      if (back) ran.then(function () { return self.restore(back); });
    }
  };

  // Shows as many results as `back` says were shown, then scrolls where the reader was
  // and focuses the result they opened by keyboard, as a browser that keeps the page
  // shows it on Back.
  SearchPage.prototype.restore = function (back) {
    var self = this;
    var sequence = this.sequence;
    var more = function () {
      if (sequence !== self.sequence || self.shown >= Math.min(back.shown, self.results.length)) return null;
      return self.open().then(function (index) { return self.page(index, sequence); }).then(more);
    };
    return Promise.resolve(more()).then(function () {
      return self.settled;
    }).then(function () {
      if (sequence !== self.sequence) return;
      if (self.shown > PAGE) self.announce(self.query, self.results.length);
      var link = self.links()[back.focus];
      if (link) link.focus({ preventScroll: true });
      window.scrollTo(0, back.scroll);
    });
  };

  // ---- Every page: "/" focuses the search box. ----

  function editable(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) return;
    var box = document.getElementById("search-input") || document.getElementById("site-search");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  var api = {
    manifest: function (value) { data.manifest = value; },
    shard: function (n, text, cards) { data.shards[n] = text; data.cards[n] = cards; },
    docs: function (n, text) { data.docs[n] = text; },
    terms: function (text) {
      return terms(text).map(function (t) { return t.text; });
    },
    // `text` as a result shows it for `query`, its matches marked.
    marked: function (text, query) {
      return highlight(text, matches(text, parseQuery(query)).spans, 0, text.length);
    },
    lastQuery: null,
    // Whether the search page warmed its code up while idle (see warmUp).
    warmed: false,
  };
  window.glossSearch = api;

  function start() {
    var section = document.querySelector("[data-gloss-search]");
    if (!section) return;
    var missing = REQUIRED.filter(function (selector) { return !section.querySelector(selector); });
    if (missing.length) {
      // A site's own search.html that lacks a part: say so on the page, for its author.
      var note = added(section, "p", "search-status");
      note.textContent = "Search cannot run here: this page's template has no " + missing.join(", ") + " inside its search section.";
      return;
    }
    var page = new SearchPage(section);
    api.page = page;
    page.attach();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
