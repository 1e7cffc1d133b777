//! Builds the index files, from scratch or by patching the last build's index.
//!
//! In: anchored content, the link style and a [`SearchCache`]. Out: the manifest, shard
//! and chunk files. Each source (an article with its notes, or a context entry) is
//! counted once and kept, under a key of what it is made from, with its records. When
//! the sources are the ones of the last build in the same order, each with as many
//! documents as before (the common save: an article's text edited), the edited sources'
//! documents are taken out of their terms' lists and put back, and only those lists, the
//! shards holding them and the chunks holding the sources are made again. Otherwise the
//! lists are rebuilt from every source's counted terms, counting only the new or edited
//! ones. Both ways give the very bytes a build from nothing gives.

use std::collections::HashMap;

use bytes::Bytes;
use rayon::prelude::*;

use super::cards;
use super::documents::{self, Source};
use super::index::{self, Counted, Postings, Shape, Weights};
use super::store::{self, Planned, RECORD, TERM};
use super::{terms, DIR, FORMAT, SHARDS};
use crate::anchor::Anchored;
use crate::cache::{hash, Key};
use crate::diagnostic::Diagnostic;
use crate::render::{Links, OutputFile};

/// What one build of the search index hands to the next.
///
/// The default cache keeps nothing (a one-off build gains nothing from filling it);
/// [`SearchCache::keeping`] makes one that `gloss serve` keeps for its whole run.
#[derive(Default)]
pub struct SearchCache {
    /// Whether builds store their index here.
    pub keep: bool,
    state: Option<State>,
}

impl std::fmt::Debug for SearchCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sources, terms) = self
            .state
            .as_ref()
            .map_or((0, 0), |s| (s.groups.len(), s.postings.terms.len()));
        f.debug_struct("SearchCache")
            .field("keep", &self.keep)
            .field("sources", &sources)
            .field("terms", &terms)
            .finish()
    }
}

impl SearchCache {
    /// A cache that keeps each build's index for the next.
    pub fn keeping() -> Self {
        Self {
            keep: true,
            state: None,
        }
    }
}

/// One source's documents, counted, and their records.
struct Group {
    /// Hash of [`Source::id`]: where chunks are cut depends on it.
    id_hash: u64,
    /// [`Source::key`] of what it was made from.
    key: u64,
    /// Each document's shape and (term, count) pairs.
    docs: Vec<(Shape, Vec<(u32, u32)>)>,
    /// Its records, as they stand in their chunk.
    records: Records,
}

enum Records {
    /// Just made.
    Made(String),
    /// Part of a chunk file already made.
    Shipped(Bytes),
    /// Moved into a chunk that is being made.
    Taken,
    /// Part of a chunk file already handed over and not kept: only its length is left.
    Handed(usize),
}

impl Records {
    fn len(&self) -> usize {
        match self {
            Records::Made(text) => text.len(),
            Records::Shipped(bytes) => bytes.len(),
            Records::Taken => 0,
            Records::Handed(len) => *len,
        }
    }
}

/// A shard or chunk file made, and what it was made of.
struct File {
    /// The first term's number (shards) or the first source's key (chunks).
    first: u64,
    /// How many terms or sources it holds.
    len: usize,
    bytes: Bytes,
    hash: u64,
    /// Already handed over while the index was being built (its bytes are not kept).
    handed: bool,
}

/// The whole index, as the last build left it.
#[derive(Default)]
struct State {
    postings: Postings,
    /// Each term's hash, by number: where shards are cut depends on it.
    term_hashes: Vec<u64>,
    /// Each term's encoded postings, by number (empty when no document holds it).
    encoded: Vec<String>,
    /// Terms some document holds, in [`index::utf16_order`].
    order: Vec<u32>,
    /// Each term's best documents, by number (see [`cards::best`]).
    best: Vec<Vec<u32>>,
    /// Each term's result cards, joined by [`RECORD`], by number.
    cards: Vec<String>,
    groups: Vec<Group>,
    /// Each document's shape, by number.
    shapes: Vec<Shape>,
    averages: [u64; super::documents::KINDS],
    shards: Vec<File>,
    chunks: Vec<File>,
}

/// How many sources are counted at once when rebuilding: enough to keep every core
/// busy, few enough that only their terms, never the whole site's, are in memory.
const BATCH: usize = 256;

/// Up to this many edited sources are patched in; more are rebuilt with the rest.
const PATCH_LIMIT: usize = 64;

pub(super) fn build<K: Send>(
    anchored: &Anchored,
    links: &Links,
    language: &'static terms::Language,
    site_language: &str,
    cache: &mut SearchCache,
    put: &(dyn Fn(OutputFile) -> Result<K, Diagnostic> + Sync),
) -> Result<Vec<K>, Diagnostic> {
    let sources = documents::sources(anchored);
    let style = crate::cache::hash(format!("{links:?} {site_language}").as_bytes());
    let (ids, keys): (Vec<u64>, Vec<u64>) = sources
        .par_iter()
        .map(|s| (s.id_hash(), s.key(anchored, style)))
        .unzip();
    // Terms made by another language's rules (the site's language changed) are all
    // made again.
    let mut state = cache
        .state
        .take()
        .filter(|state| std::ptr::eq(state.postings.language, language))
        .unwrap_or_else(|| {
            let mut state = State::default();
            state.postings.language = language;
            state
        });
    let same_sources = state.groups.len() == sources.len()
        && state
            .groups
            .iter()
            .zip(&ids)
            .all(|(group, id)| group.id_hash == *id);
    let edited: Vec<usize> = (0..sources.len())
        .filter(|&i| !same_sources || state.groups[i].key != keys[i])
        .collect();
    let mut dirty = vec![false; state.postings.terms.len()];
    let mut changed = vec![false; sources.len()];
    let patched = same_sources && edited.len() <= PATCH_LIMIT && {
        let made: Vec<(Vec<Counted>, String)> = edited
            .par_iter()
            .map(|&i| {
                count(
                    sources[i],
                    anchored,
                    (links, site_language),
                    &state.postings,
                )
            })
            .collect();
        let fits = edited
            .iter()
            .zip(&made)
            .all(|(&i, (counted, _))| counted.len() == state.groups[i].docs.len());
        if fits {
            for (&i, (counted, records)) in edited.iter().zip(made) {
                changed[i] = true;
                patch(&mut state, i, keys[i], counted, records, &mut dirty);
            }
        }
        fits
    };
    let mut handed = Handing::new(cache.keep);
    if !patched {
        rebuild(
            &mut state,
            &sources,
            (&ids, &keys),
            anchored,
            (links, site_language),
            cache.keep,
            &mut |state| handed.complete_chunks(state, put),
        );
        changed = vec![true; sources.len()];
        dirty = vec![true; state.postings.terms.len()];
    }
    let mut kept = handed.finish()?;
    let weights = encode(&mut state, &mut dirty);
    best(&mut state, &weights, &dirty);
    drop(weights);
    let common = common_terms(&state);
    if !cache.keep {
        // Nothing below reads the lists of a build that keeps nothing (their encodings
        // and best documents are made): freed now, they leave room for the cards.
        state.postings.lists = Vec::new();
    }
    cards(
        &mut state,
        &mut dirty,
        &changed,
        (&sources, anchored, links, site_language),
    );
    let shards = if cache.keep {
        shards(&mut state, &dirty)
    } else {
        let (plan, handed) = hand_shards(&mut state, put)?;
        kept.extend(handed);
        plan
    };
    let chunks = chunks(&mut state, &changed, cache.keep);
    let files = output(&state, &shards, &chunks, &common);
    if cache.keep {
        cache.state = Some(state);
    }
    let rest: Vec<K> = files.into_par_iter().map(put).collect::<Result<_, _>>()?;
    kept.extend(rest);
    Ok(kept)
}

/// Chunk files handed over while a one-off build is still counting: once a chunk's
/// sources are all counted and no later source can join it, its file is made, handed
/// to `put` and dropped, so the build never holds every chunk's text at once. A
/// build that keeps its index for the next hands nothing over early.
struct Handing<K> {
    planner: Option<store::Planner>,
    /// Sources already given to the planner.
    planned: usize,
    /// Chunks already handed over.
    chunks: usize,
    kept: Vec<K>,
    problem: Option<Diagnostic>,
}

impl<K: Send> Handing<K> {
    fn new(keep: bool) -> Self {
        Self {
            planner: (!keep).then(|| store::Planner::new(store::CHUNKS)),
            planned: 0,
            chunks: 0,
            kept: Vec::new(),
            problem: None,
        }
    }

    /// Plans the sources counted since the last call and hands over the chunks that
    /// are complete. The chunks' files stay in `state` without their bytes, so the
    /// manifest and the final cut see them as they were.
    fn complete_chunks(
        &mut self,
        state: &mut State,
        put: &(dyn Fn(OutputFile) -> Result<K, Diagnostic> + Sync),
    ) {
        let Some(planner) = &mut self.planner else {
            return;
        };
        if self.problem.is_some() {
            return;
        }
        for group in &state.groups[self.planned..] {
            planner.push(group.id_hash, group.records.len());
        }
        self.planned = state.groups.len();
        let ready: Vec<Planned> = planner.complete()[self.chunks..].to_vec();
        let made: Vec<(File, OutputFile)> = ready
            .iter()
            .enumerate()
            .map(|(k, planned)| {
                let n = self.chunks + k;
                let range = planned.first..planned.first + planned.len;
                let texts = state.groups[range.clone()]
                    .iter()
                    .map(|g| match &g.records {
                        Records::Made(text) => text.as_str(),
                        _ => "",
                    });
                let bytes = Bytes::from(store::chunk_text(n, texts));
                for group in &mut state.groups[range] {
                    group.records = Records::Handed(group.records.len());
                }
                let file = File {
                    first: state.groups[planned.first].key,
                    len: planned.len,
                    hash: hash(&bytes),
                    bytes: Bytes::new(),
                    handed: true,
                };
                (file, OutputFile::new(format!("{DIR}/docs-{n}.js"), bytes))
            })
            .collect();
        self.chunks += made.len();
        let (files, outputs): (Vec<File>, Vec<OutputFile>) = made.into_iter().unzip();
        state.chunks.extend(files);
        match outputs
            .into_par_iter()
            .map(put)
            .collect::<Result<Vec<K>, _>>()
        {
            Ok(kept) => self.kept.extend(kept),
            Err(problem) => self.problem = Some(problem),
        }
    }

    fn finish(self) -> Result<Vec<K>, Diagnostic> {
        match self.problem {
            Some(problem) => Err(problem),
            None => Ok(self.kept),
        }
    }
}

/// Counts the documents of one source, with the numbers of the terms `known` has, and
/// writes their records.
fn count(
    source: Source<'_>,
    anchored: &Anchored,
    (links, site_language): (&Links, &str),
    known: &Postings,
) -> (Vec<Counted>, String) {
    let group = documents::group(source, anchored, links, site_language);
    let counted = group
        .documents
        .iter()
        .map(|d| {
            let passages = d.passages.iter().map(String::as_str);
            Counted::against(known, d.kind, &d.heading, passages)
        })
        .collect();
    (counted, group.records)
}

/// Gives every term of `counted` its number.
fn intern(state: &mut State, counted: Vec<Counted>) -> Vec<(Shape, Vec<(u32, u32)>)> {
    counted
        .into_iter()
        .map(|doc| {
            let mut terms = doc.numbered;
            terms.extend(doc.terms.iter().map(|(term, count)| {
                let id = state.postings.id(term);
                if id as usize == state.term_hashes.len() {
                    state.term_hashes.push(hash(term.as_bytes()));
                    state.encoded.push(String::new());
                    state.best.push(Vec::new());
                    state.cards.push(String::new());
                }
                (id, *count)
            }));
            let shape = Shape {
                kind: doc.kind,
                length: doc.length,
            };
            (shape, terms)
        })
        .collect()
}

/// Swaps the documents of source `i` for their edited versions, which are as many.
///
/// Only the lists whose shipped form changes are touched and marked dirty: a term the
/// document gained or lost, or one whose weight in it moved (its count changed, or the
/// document's length did enough to change the quantized weight). Editing a sentence
/// thus dirties a handful of lists, not every list of the article's words. Weights are
/// compared under the last build's averages; when the averages move, [`encode`] makes
/// every list again anyway.
fn patch(
    state: &mut State,
    i: usize,
    key: u64,
    counted: Vec<Counted>,
    records: String,
    dirty: &mut Vec<bool>,
) {
    let first: usize = state.groups[..i].iter().map(|g| g.docs.len()).sum();
    let docs = intern(state, counted);
    dirty.resize(state.postings.terms.len(), false);
    let old = std::mem::take(&mut state.groups[i].docs);
    let averages = state.averages;
    let weights = |shape: &Shape| Weights::new(shape.length, averages[shape.kind.index()]);
    for (j, ((old_shape, before), (shape, after))) in old.iter().zip(&docs).enumerate() {
        let doc = number(first + j);
        let (was, is) = (weights(old_shape), weights(shape));
        let mut before: crate::cache::FastMap<u32, u32> = before.iter().copied().collect();
        let mut gained = Vec::new();
        for &(term, count) in after {
            match before.remove(&term) {
                Some(old_count)
                    if was.of(old_count) == is.of(count) && old_shape.kind == shape.kind =>
                {
                    // Same weight: the shipped list is unchanged; keep the count exact.
                    state.postings.insert(doc, &[(term, count)]);
                }
                _ => {
                    gained.push((term, count));
                    dirty[term as usize] = true;
                }
            }
        }
        let lost: Vec<(u32, u32)> = before.into_iter().collect();
        for &(term, _) in &lost {
            dirty[term as usize] = true;
        }
        state.postings.remove(doc, &lost);
        state.postings.insert(doc, &gained);
        state.shapes[first + j] = *shape;
    }
    let group = &mut state.groups[i];
    group.key = key;
    group.docs = docs;
    group.records = Records::Made(records);
}

/// Rebuilds every list from every source, counting only the sources the cache does not
/// hold under the same key; `names` are each source's id hash and key. `after_batch`
/// sees the state after each batch of sources is counted.
fn rebuild(
    state: &mut State,
    sources: &[Source<'_>],
    names: (&[u64], &[u64]),
    anchored: &Anchored,
    (links, site_language): (&Links, &str),
    keep: bool,
    after_batch: &mut dyn FnMut(&mut State),
) {
    let mut old: HashMap<u64, Group> = std::mem::take(&mut state.groups)
        .into_iter()
        .map(|g| (g.id_hash, g))
        .collect();
    state.postings.clear();
    state.shapes.clear();
    let (id_hashes, keys) = names;
    let mut next = 0usize;
    for batch in (0..sources.len()).collect::<Vec<_>>().chunks(BATCH) {
        let known = &state.postings;
        let made: Vec<Option<(Vec<Counted>, String)>> = batch
            .par_iter()
            .map(|&i| {
                let reused = old.get(&id_hashes[i]).is_some_and(|g| g.key == keys[i]);
                (!reused).then(|| count(sources[i], anchored, (links, site_language), known))
            })
            .collect();
        for (&i, made) in batch.iter().zip(made) {
            let (docs, records) = match made {
                Some((counted, records)) => (intern(state, counted), Records::Made(records)),
                None => match old.remove(&id_hashes[i]) {
                    Some(group) => (group.docs, group.records),
                    None => (Vec::new(), Records::Made(String::new())),
                },
            };
            for (shape, terms) in &docs {
                state.postings.push(number(next), terms);
                state.shapes.push(*shape);
                next += 1;
            }
            let docs = if keep {
                docs
            } else {
                docs.into_iter()
                    .map(|(shape, _)| (shape, Vec::new()))
                    .collect()
            };
            state.groups.push(Group {
                id_hash: id_hashes[i],
                key: keys[i],
                docs,
                records,
            });
        }
        after_batch(state);
    }
}

fn number(doc: usize) -> u32 {
    u32::try_from(doc).unwrap_or(u32::MAX)
}

/// Encodes the lists of the dirty terms, or of every term when the averages moved, and
/// sorts the terms again when one appeared or went. Returns every document's weights.
fn encode(state: &mut State, dirty: &mut [bool]) -> Vec<Weights> {
    let mut totals = [(0u64, 0u64); super::documents::KINDS];
    for shape in &state.shapes {
        let total = &mut totals[shape.kind.index()];
        total.0 += u64::from(shape.length);
        total.1 += 1;
    }
    let averages = totals.map(|(sum, count)| index::average(sum, count));
    if averages != state.averages {
        state.averages = averages;
        dirty.fill(true);
    }
    let weights: Vec<Weights> = state
        .shapes
        .par_iter()
        .map(|shape| Weights::new(shape.length, averages[shape.kind.index()]))
        .collect();
    let postings = &state.postings;
    let fresh: Vec<(usize, String)> = dirty
        .par_iter()
        .enumerate()
        .filter(|(_, &d)| d)
        .map(|(t, _)| (t, postings.encode(number(t), &weights)))
        .collect();
    // Terms that appeared or went: a few after an edit, so they are put into (or taken
    // out of) the sorted order one by one instead of sorting every term again.
    let mut flipped = Vec::new();
    for (t, text) in fresh {
        if text.is_empty() != state.encoded[t].is_empty() {
            flipped.push(number(t));
        }
        state.encoded[t] = text;
    }
    let terms = &state.postings.terms;
    let by_text = |a: &u32, b: &u32| index::utf16_order(&terms[*a as usize], &terms[*b as usize]);
    if state.order.is_empty() || flipped.len() > 1024 {
        let mut order: Vec<u32> = (0..terms.len())
            .filter(|&t| !state.encoded[t].is_empty())
            .map(number)
            .collect();
        order.par_sort_unstable_by(by_text);
        state.order = order;
    } else {
        for t in flipped {
            let at = state.order.binary_search_by(|probe| by_text(probe, &t));
            match (at, state.encoded[t as usize].is_empty()) {
                (Ok(at), true) => {
                    state.order.remove(at);
                }
                (Err(at), false) => state.order.insert(at, t),
                _ => {}
            }
        }
    }
    weights
}

/// Finds the best documents of every dirty term again (see [`cards::best`]).
fn best(state: &mut State, weights: &[Weights], dirty: &[bool]) {
    let postings = &state.postings;
    let fresh: Vec<(usize, Vec<u32>)> = dirty
        .par_iter()
        .enumerate()
        .filter(|(_, &d)| d)
        .map(|(t, _)| (t, cards::best(&postings.lists[t], weights)))
        .collect();
    for (t, best) in fresh {
        state.best[t] = best;
    }
}

/// Writes the cards of the dirty terms and of every term whose best documents include
/// one of a `changed` source (`from`: the sources, the content, the link style and the
/// site's language their documents are made with). Terms whose cards were written are marked dirty, so their
/// shards are made again.
fn cards(
    state: &mut State,
    dirty: &mut [bool],
    changed: &[bool],
    from: (&[Source<'_>], &Anchored, &Links, &str),
) {
    let (sources, anchored, links, site_language) = from;
    // Each document's source and its place in the source's group.
    let mut place = Vec::with_capacity(state.shapes.len());
    for (i, group) in state.groups.iter().enumerate() {
        place.extend((0..group.docs.len()).map(|at| (i, at)));
    }
    let redo: Vec<usize> = (0..state.best.len())
        .filter(|&t| dirty[t] || state.best[t].iter().any(|&d| changed[place[d as usize].0]))
        .collect();
    // Every card to write as (document, term, rank), by document, so that each document
    // is made once for all its cards.
    let mut wanted: Vec<(u32, usize, usize)> = redo
        .iter()
        .flat_map(|&t| {
            let best = &state.best[t];
            best.iter()
                .enumerate()
                .map(move |(rank, &doc)| (doc, t, rank))
        })
        .collect();
    wanted.sort_unstable();
    let terms = &state.postings.terms;
    let language = state.postings.language;
    let place = &place;
    let mut written: Vec<(usize, usize, String)> = wanted
        .chunk_by(|a, b| a.0 == b.0)
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|requests| {
            let doc = requests[0].0;
            let (i, at) = place[doc as usize];
            let shown = documents::shown(sources[i], at, anchored, links, site_language);
            // A document with cards for many terms (a long text of rare words) has its
            // terms found in one walk over it, not one walk a term.
            let places = shown
                .as_ref()
                .filter(|_| requests.len() > FIND_ONE_BY_ONE)
                .map(|shown| {
                    let wanted: Vec<&str> = requests.iter().map(|&(_, t, _)| &*terms[t]).collect();
                    cards::find_all(shown, &wanted, language)
                });
            requests
                .iter()
                .enumerate()
                .filter_map(move |(n, &(_, t, rank))| {
                    let mut card = String::new();
                    let shown = shown.as_ref()?;
                    match &places {
                        Some(places) => cards::write_at(&mut card, doc, shown, places[n].clone()),
                        None => cards::write(&mut card, doc, shown, &terms[t], language),
                    }
                    Some((t, rank, card))
                })
        })
        .collect();
    written.sort_unstable_by_key(|&(t, rank, _)| (t, rank));
    for &t in &redo {
        state.cards[t].clear();
        dirty[t] = true;
    }
    for (t, _, card) in written {
        if !state.cards[t].is_empty() {
            state.cards[t].push(RECORD);
        }
        state.cards[t].push_str(&card);
    }
}

/// How many cards of one document are written by looking for each term on its own;
/// past it, [`cards::find_all`] finds them all in one walk.
const FIND_ONE_BY_ONE: usize = 16;

/// Cuts the sorted terms into shards and makes the shards whose terms changed.
fn shards(state: &mut State, dirty: &[bool]) -> Vec<Planned> {
    let plan = shard_plan(state);
    let mut old: Vec<Option<File>> = std::mem::take(&mut state.shards)
        .into_iter()
        .map(Some)
        .collect();
    let kept: Vec<Option<File>> = plan
        .iter()
        .enumerate()
        .map(|(n, planned)| {
            let members = &state.order[planned.first..planned.first + planned.len];
            let clean = !members.iter().any(|&t| dirty[t as usize]);
            let first = u64::from(members[0]);
            old.get_mut(n)
                .and_then(Option::take)
                .filter(|file| clean && file.first == first && file.len == planned.len)
        })
        .collect();
    let made: Vec<File> = kept
        .into_par_iter()
        .enumerate()
        .map(|(n, file)| file.unwrap_or_else(|| shard_file(state, n, plan[n])))
        .collect();
    state.shards = made;
    plan
}

/// How many shards a one-off build makes before handing them over.
const SHARD_BATCH: usize = 64;

/// The shards of a build that keeps nothing: made a batch at a time and handed to `put`
/// at once, each batch's terms' encodings and cards freed as it goes, so the build never
/// holds every shard's text.
fn hand_shards<K: Send>(
    state: &mut State,
    put: &(dyn Fn(OutputFile) -> Result<K, Diagnostic> + Sync),
) -> Result<(Vec<Planned>, Vec<K>), Diagnostic> {
    let plan = shard_plan(state);
    let mut kept = Vec::with_capacity(plan.len());
    for batch in (0..plan.len()).collect::<Vec<_>>().chunks(SHARD_BATCH) {
        let made: Vec<(File, OutputFile)> = batch
            .par_iter()
            .map(|&n| {
                let mut file = shard_file(state, n, plan[n]);
                let bytes = std::mem::take(&mut file.bytes);
                file.handed = true;
                (file, OutputFile::new(format!("{DIR}/shard-{n}.js"), bytes))
            })
            .collect();
        let (files, outputs): (Vec<File>, Vec<OutputFile>) = made.into_iter().unzip();
        state.shards.extend(files);
        let handed: Vec<K> = outputs.into_par_iter().map(put).collect::<Result<_, _>>()?;
        kept.extend(handed);
        for &n in batch {
            for &t in &state.order[plan[n].first..plan[n].first + plan[n].len] {
                state.encoded[t as usize] = String::new();
                state.cards[t as usize] = String::new();
            }
        }
    }
    Ok((plan, kept))
}

/// Where the sorted terms are cut into shards, by each term's hash and shipped size.
fn shard_plan(state: &State) -> Vec<Planned> {
    let terms = &state.postings.terms;
    store::plan(
        state.order.iter().map(|&t| {
            let t = t as usize;
            (
                state.term_hashes[t],
                terms[t].len() + state.encoded[t].len() + state.cards[t].len() + 3,
            )
        }),
        SHARDS,
    )
}

fn shard_file(state: &State, n: usize, planned: Planned) -> File {
    let members = &state.order[planned.first..planned.first + planned.len];
    let mut text = format!("glossSearch.shard({n},\"");
    for (i, &t) in members.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&state.postings.terms[t as usize]);
        text.push(' ');
        text.push_str(&state.encoded[t as usize]);
    }
    text.push_str("\",\"");
    for (i, &t) in members.iter().enumerate() {
        if i > 0 {
            text.push(TERM);
        }
        text.push_str(&state.cards[t as usize]);
    }
    text.push_str("\");\n");
    let bytes = Bytes::from(text);
    File {
        first: u64::from(members[0]),
        len: planned.len,
        hash: hash(&bytes),
        bytes,
        handed: false,
    }
}

/// Cuts the sources into chunks and makes the chunks holding a changed source.
fn chunks(state: &mut State, changed: &[bool], keep: bool) -> Vec<Planned> {
    let plan = store::plan(
        state.groups.iter().map(|g| (g.id_hash, g.records.len())),
        store::CHUNKS,
    );
    let old = std::mem::take(&mut state.chunks);
    let mut old: Vec<Option<File>> = old.into_iter().map(Some).collect();
    let mut made = Vec::with_capacity(plan.len());
    for (n, planned) in plan.iter().enumerate() {
        let range = planned.first..planned.first + planned.len;
        let first = state.groups[planned.first].key;
        let reusable = old.get(n).and_then(Option::as_ref).is_some_and(|file| {
            file.first == first
                && file.len == planned.len
                && (file.handed || !changed[range.clone()].contains(&true))
        });
        if let (true, Some(Some(file))) = (reusable, old.get_mut(n).map(Option::take)) {
            made.push(file);
            continue;
        }
        let records: Vec<Records> = state.groups[range.clone()]
            .iter_mut()
            .map(|g| std::mem::replace(&mut g.records, Records::Taken))
            .collect();
        let texts = records.iter().map(|r| match r {
            Records::Made(text) => text.as_str(),
            Records::Shipped(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
            Records::Taken | Records::Handed(_) => "",
        });
        let bytes = Bytes::from(store::chunk_text(n, texts));
        if keep {
            let mut at = format!("glossSearch.docs({n},\"").len();
            for (group, record) in state.groups[range].iter_mut().zip(&records) {
                let len = record.len();
                group.records = Records::Shipped(bytes.slice(at..at + len));
                at += len + 1;
            }
        }
        made.push(File {
            first,
            len: planned.len,
            hash: hash(&bytes),
            bytes,
            handed: false,
        });
    }
    state.chunks = made;
    plan
}

/// How many of the terms the most documents hold the manifest lists, for suggestions: a
/// misspelling sorts next to its word only when its first letters are right (`goverment`
/// lies beside `government`, `contry` and `eocnomy` far from `country` and `economy`).
pub const COMMON_TERMS: usize = 1000;

/// The [`COMMON_TERMS`] terms of three characters or more held by the most documents,
/// most held first (ties in term order), by number; read before the lists are freed.
fn common_terms(state: &State) -> Vec<u32> {
    let terms = &state.postings.terms;
    let mut held: Vec<(usize, u32)> = state
        .order
        .iter()
        .filter(|&&t| terms[t as usize].chars().nth(2).is_some())
        .map(|&t| (state.postings.lists[t as usize].len(), t))
        .collect();
    let by_count = |a: &(usize, u32), b: &(usize, u32)| {
        b.0.cmp(&a.0)
            .then_with(|| index::utf16_order(&terms[a.1 as usize], &terms[b.1 as usize]))
    };
    if held.len() > COMMON_TERMS {
        held.select_nth_unstable_by(COMMON_TERMS, by_count);
        held.truncate(COMMON_TERMS);
    }
    held.sort_unstable_by(by_count);
    held.into_iter().map(|(_, t)| t).collect()
}

/// The manifest, the shards and the chunks, as output files.
fn output(
    state: &State,
    shards: &[Planned],
    chunks: &[Planned],
    common: &[u32],
) -> Vec<OutputFile> {
    let stamp = state
        .shards
        .iter()
        .chain(&state.chunks)
        .fold(Key::new(), |key, file| key.u64(file.hash))
        .finish();
    let mut starts = Vec::with_capacity(chunks.len());
    let mut doc = 0usize;
    let mut next = 0usize;
    for planned in chunks {
        while next < planned.first {
            doc += state.groups[next].docs.len();
            next += 1;
        }
        starts.push(number(doc));
    }
    let firsts: Vec<&str> = shards
        .iter()
        .map(|p| &*state.postings.terms[state.order[p.first] as usize])
        .collect();
    let common: Vec<&str> = common
        .iter()
        .map(|&t| &*state.postings.terms[t as usize])
        .collect();
    let manifest = serde_json::json!({
        "format": FORMAT,
        "stamp": format!("{stamp:016x}"),
        "documents": state.shapes.len(),
        "maxWeight": index::MAX_WEIGHT,
        "stopWords": state.postings.language.stop_words.join(" "),
        "elided": state.postings.language.elided.join(" "),
        "shards": firsts.join(" "),
        "chunks": index::encode_gaps(&starts),
        "common": common.join(" "),
    });
    let mut files = Vec::with_capacity(state.shards.len() + state.chunks.len() + 1);
    for (n, file) in state.shards.iter().enumerate().filter(|(_, f)| !f.handed) {
        files.push(OutputFile::new(
            format!("{DIR}/shard-{n}.js"),
            file.bytes.clone(),
        ));
    }
    for (n, file) in state.chunks.iter().enumerate().filter(|(_, f)| !f.handed) {
        files.push(OutputFile::new(
            format!("{DIR}/docs-{n}.js"),
            file.bytes.clone(),
        ));
    }
    files.push(OutputFile::new(
        format!("{DIR}/manifest.js"),
        format!("glossSearch.manifest({manifest});\n").into_bytes(),
    ));
    files
}
