//! A link checker over a built site: every relative link and `#fragment` resolves, no
//! link starts with `/`, and every page is reachable from the home page.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::harness::sel;

/// Every page of a built site with its links and ids.
pub(crate) struct Crawl {
    pages: BTreeMap<String, Page>,
}

struct Page {
    ids: BTreeSet<String>,
    links: Vec<String>,
}

impl Crawl {
    /// Reads every `.html` file under `public`.
    pub(crate) fn new(public: &Path) -> Self {
        let mut pages = BTreeMap::new();
        for entry in walkdir::WalkDir::new(public) {
            let entry = entry.expect("walk");
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let rel = rel(public, path);
            let html = scraper::Html::parse_document(&std::fs::read_to_string(path).expect("read"));
            let ids = html
                .select(&sel("[id]"))
                .filter_map(|e| e.value().attr("id"))
                .map(str::to_owned)
                .collect();
            let mut links = Vec::new();
            for (selector, attr) in [
                ("a[href]", "href"),
                ("link[href]", "href"),
                ("script[src]", "src"),
                ("img[src]", "src"),
                ("form[action]", "action"),
            ] {
                for element in html.select(&sel(selector)) {
                    if let Some(link) = element.value().attr(attr) {
                        links.push(link.to_owned());
                    }
                }
            }
            pages.insert(rel, Page { ids, links });
        }
        Self { pages }
    }

    /// Every broken link, as `page: link (why)`.
    pub(crate) fn broken(&self, public: &Path) -> Vec<String> {
        let mut broken = Vec::new();
        for (page, data) in &self.pages {
            if page == "404.html" {
                continue;
            }
            for link in &data.links {
                if let Err(why) = self.resolve(public, page, link) {
                    broken.push(format!("{page}: {link} ({why})"));
                }
            }
        }
        broken
    }

    /// Pages reachable from `index.html` by following links.
    pub(crate) fn reachable(&self, public: &Path) -> BTreeSet<String> {
        let mut seen = BTreeSet::from(["index.html".to_owned()]);
        let mut queue = VecDeque::from(["index.html".to_owned()]);
        while let Some(page) = queue.pop_front() {
            let Some(data) = self.pages.get(&page) else {
                continue;
            };
            for link in &data.links {
                if let Ok(Some((target, _))) = self.resolve(public, &page, link) {
                    if target.ends_with(".html") && seen.insert(target.clone()) {
                        queue.push_back(target);
                    }
                }
            }
        }
        seen
    }

    /// All page paths.
    pub(crate) fn pages(&self) -> BTreeSet<String> {
        self.pages.keys().cloned().collect()
    }

    /// The ids of a page.
    pub(crate) fn ids(&self, page: &str) -> Option<&BTreeSet<String>> {
        self.pages.get(page).map(|p| &p.ids)
    }

    /// Resolves a link from `page`: Ok(None) for external links, Ok(Some((file, fragment)))
    /// for local ones, Err(why) when broken.
    pub(crate) fn resolve(
        &self,
        public: &Path,
        page: &str,
        link: &str,
    ) -> Result<Option<(String, String)>, String> {
        if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
            return Ok(None);
        }
        if link.starts_with('/') {
            return Err("absolute path".into());
        }
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let base = Path::new(page).parent().unwrap_or(Path::new(""));
        let mut target = if path.is_empty() {
            PathBuf::from(page)
        } else {
            normalize(&base.join(decode(path)))
        };
        if path.ends_with('/') || public.join(&target).is_dir() {
            target = target.join("index.html");
        }
        let target = target.to_string_lossy().replace('\\', "/");
        if !public.join(&target).is_file() {
            return Err(format!("no file {target}"));
        }
        if !fragment.is_empty() && !fragment.starts_with(":~:") {
            let ids = self
                .pages
                .get(&target)
                .map(|p| &p.ids)
                .ok_or("fragment into a non-page")?;
            if !ids.contains(&decode(fragment)) {
                return Err(format!("no id {fragment} in {target}"));
            }
        }
        Ok(Some((target, fragment.to_owned())))
    }
}

fn rel(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .expect("inside")
        .to_string_lossy()
        .replace('\\', "/")
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
