//! The sizes of the site's images, so that a page gives each `<img>` its width and
//! height and keeps its place while the picture loads.
//!
//! In: the assets under `content/` and the site's `static/` folder. Out: [`Sizes`], the
//! width and height of each image whose header reads, by its path in the built site.
//! Only headers are read (and a JPEG's EXIF orientation), never the pixels.

use std::path::Path;

use rayon::prelude::*;

use crate::cache::FastMap;
use crate::load::Asset;

/// The extensions of the images whose sizes pages give.
const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];

/// How much of an SVG file is read for its root element.
const SVG_HEAD: u64 = 64 * 1024;

/// When a file was last written and how long it is: a file whose stamp is the same is
/// not read again.
type Stamp = (u64, Option<std::time::SystemTime>);

/// Width and height in CSS pixels of each image, by site path (`2019/photo.jpg` for
/// `content/2019/photo.jpg`, `images/map.png` for `static/images/map.png`), with the
/// stamp of the file it was read from (none for a file whose header does not read).
#[derive(Debug, Default, Clone)]
pub struct Sizes(FastMap<String, (Stamp, Option<(u32, u32)>)>);

impl Sizes {
    /// The sizes of the images among `assets` and the files of `static_dir` (which may
    /// not exist), read in parallel; a file with the same stamp as in `last` (the sizes
    /// of the build before) keeps its size without being read. A file whose header does
    /// not read as an image has none.
    pub fn read(assets: &[Asset], static_dir: &Path, last: &Sizes) -> Self {
        let mut images: Vec<(String, std::path::PathBuf)> = assets
            .iter()
            .filter(|asset| is_image(&asset.rel))
            .map(|asset| (asset.rel.clone(), asset.path.clone()))
            .collect();
        if static_dir.is_dir() {
            // Links are followed as the build follows them (see `load::static_dir`).
            for entry in walkdir::WalkDir::new(static_dir)
                .follow_links(true)
                .into_iter()
                .flatten()
            {
                let rel = super::relative(static_dir, entry.path());
                if entry.file_type().is_file()
                    && is_image(&rel)
                    && !rel.split('/').any(crate::load::passed_over)
                {
                    images.push((rel, entry.into_path()));
                }
            }
        }
        Self(
            images
                .into_par_iter()
                .filter_map(|(rel, path)| {
                    let meta = std::fs::metadata(&path).ok()?;
                    let stamp = (meta.len(), meta.modified().ok());
                    let size = match last.0.get(&rel) {
                        Some((known, size)) if *known == stamp => *size,
                        _ => size(&path),
                    };
                    Some((rel, (stamp, size)))
                })
                .collect(),
        )
    }

    /// Whether there is no image.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The width and height of the image at site path `path`.
    pub fn get(&self, path: &str) -> Option<(u32, u32)> {
        self.0.get(path).and_then(|(_, size)| *size)
    }

    /// A hash of every size, for the keys of the pages that show them.
    pub fn key(&self) -> u64 {
        // The sizes alone: a file written again with the same picture changes no page.
        let mut sizes: Vec<(&String, (u32, u32))> = self
            .0
            .iter()
            .filter_map(|(rel, (_, size))| Some((rel, (*size)?)))
            .collect();
        sizes.sort_unstable();
        sizes
            .into_iter()
            .fold(crate::cache::Key::new(), |key, (rel, (w, h))| {
                key.str(rel).u64(u64::from(w) << 32 | u64::from(h))
            })
            .finish()
    }
}

/// Whether the file at site path `rel` is an image whose size pages give.
fn is_image(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// The width and height a browser shows the image at `path` at before any style: from
/// its header, a JPEG's turned as its EXIF orientation says. `None` when the header
/// does not read as an image.
fn size(path: &Path) -> Option<(u32, u32)> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if extension.eq_ignore_ascii_case("svg") {
        use std::io::Read as _;
        let mut head = Vec::new();
        std::fs::File::open(path)
            .ok()?
            .take(SVG_HEAD)
            .read_to_end(&mut head)
            .ok()?;
        return svg_size(&String::from_utf8_lossy(&head));
    }
    let size = imagesize::size(path).ok()?;
    let width = u32::try_from(size.width).ok()?;
    let height = u32::try_from(size.height).ok()?;
    if width == 0 || height == 0 {
        return None;
    }
    let jpeg = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jpg") || e.eq_ignore_ascii_case("jpeg"));
    // Orientations 5 to 8 turn the picture a quarter: its width is its stored height.
    let turned = jpeg
        && std::fs::File::open(path).ok().is_some_and(|file| {
            exif::Reader::new()
                .read_from_container(&mut std::io::BufReader::new(file))
                .ok()
                .and_then(|exif| {
                    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
                        .and_then(|field| field.value.get_uint(0))
                })
                .is_some_and(|orientation| (5..=8).contains(&orientation))
        });
    Some(if turned {
        (height, width)
    } else {
        (width, height)
    })
}

/// The size an SVG document's root element gives a browser that shows it in an
/// `<img>`: its `width` and `height` in pixels (or without unit), a missing one taken
/// from the `viewBox`'s proportions. `None` when it has no width and height of its own
/// (sizes in percent, `em` or `cm`, or a `viewBox` alone): a browser then fills the
/// column with it, which width and height attributes would change.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start + 4..];
    let tag = &tag[..tag.find('>')?];
    let pixels = |name: &str| {
        let value = attribute(tag, name)?.trim();
        let number = value.strip_suffix("px").unwrap_or(value).trim();
        number
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0)
    };
    let view_box = attribute(tag, "viewBox").and_then(|value| {
        let numbers: Vec<f64> = value
            .split(|c: char| c.is_ascii_whitespace() || c == ',')
            .filter(|n| !n.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match numbers[..] {
            [_, _, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => Some((w, h)),
            _ => None,
        }
    });
    let (width, height) = match (pixels("width"), pixels("height"), view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        _ => return None,
    };
    let round = |n: f64| {
        let n = n.round();
        (1.0..=f64::from(u32::MAX)).contains(&n).then_some(n as u32)
    };
    Some((round(width)?, round(height)?))
}

/// The value of attribute `name` in the inside of a start tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let value = &value[1..];
        return value.find(quote).map(|end| &value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG's signature and header, `width` by `height` (what a size is read from).
    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn a_file_with_the_same_stamp_is_not_read_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.png");
        std::fs::write(&path, png(640, 480)).expect("write");
        let none = Path::new("no static folder");
        let assets = [Asset {
            rel: "2020/map.png".to_owned(),
            path: path.clone(),
        }];
        let first = Sizes::read(&assets, none, &Sizes::default());
        assert_eq!(first.get("2020/map.png"), Some((640, 480)));
        // Other bytes of the same length, written at the same time as far as the stamp
        // tells: the size known is kept, the file not read.
        let written = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        std::fs::write(&path, png(100, 100)).expect("write");
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(written))
            .expect("set mtime");
        let again = Sizes::read(&assets, none, &first);
        assert_eq!(again.get("2020/map.png"), Some((640, 480)));
        // A later write is read.
        let later = written + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(later))
            .expect("set mtime");
        let read = Sizes::read(&assets, none, &again);
        assert_eq!(read.get("2020/map.png"), Some((100, 100)));
        assert_ne!(read.key(), again.key());
    }

    #[test]
    fn only_image_files_are_read() {
        assert!(is_image("2019/photo.JPG"));
        assert!(is_image("images/map.webp"));
        assert!(!is_image("files/report.pdf"));
        assert!(is_image("maps/world.svg"));
        assert!(!is_image("files/report.pdf.gz"));
        assert!(!is_image("png"));
    }

    #[test]
    fn an_svg_gives_its_size_or_its_view_box_s() {
        let svg = |root: &str| {
            svg_size(&format!(
                "<?xml version=\"1.0\"?>\n<!-- a map -->\n{root}<path d=\"M0 0\"/></svg>"
            ))
        };
        for (root, size) in [
            (
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">"#,
                (640, 480),
            ),
            (
                r#"<svg width="320px" height='240.4px' viewBox="0 0 10 10">"#,
                (320, 240),
            ),
            (r#"<svg viewBox="0,0,800,400" width="400">"#, (400, 200)),
            (r#"<svg height="100" viewBox="0 0 300 150">"#, (200, 100)),
            (
                r#"<svg stroke-width="2" height="5" data-width="9" viewBox="0 0 1 1">"#,
                (5, 5),
            ),
        ] {
            assert_eq!(svg(root), Some(size), "{root}");
        }
        // No size of its own: a browser fills the column with it.
        for none in [
            r#"<svg viewBox="0 0 800 400">"#,
            r#"<svg width="100%" height="100%" viewBox="0 0 60 30">"#,
            r#"<svg width="300">"#,
            r#"<svg width="100%" height="50%">"#,
            r#"<svg width="10em" height="2em">"#,
            r#"<svg width="4" viewBox="0 0 0 10">"#,
            r#"<svg width="4" viewBox="a b c d">"#,
            r#"<svg width="-4" height="3">"#,
            "<svg>",
        ] {
            assert_eq!(svg(none), None, "{none}");
        }
        assert_eq!(svg_size("not an image"), None);
    }
}
