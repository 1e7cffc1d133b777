//! Answers HTTP requests from the site held in memory.
//!
//! In: a request path and the current [`Served`] site. Out: the file with its content
//! type, a redirect for a folder without its slash, the site's 404 page with status 404,
//! or 400 for a path that tries to leave the site (`..`, percent-encoded or not,
//! backslashes, drive letters, NUL). While the last rebuild failed, HTML pages carry an
//! overlay with the same diagnostics `gloss check` prints; when the last rebuild warned,
//! a banner with its warnings.

use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, Request, Response, StatusCode};

/// The site as the server currently shows it.
#[derive(Debug, Default)]
pub struct Served {
    /// The files, sorted by path (as a build gives them: swapping in a rebuild is one
    /// move, not a new map).
    pub files: crate::render::Site,
    /// The diagnostics of the last failed rebuild, when it failed.
    pub error: Option<String>,
    /// What the last successful rebuild warned of (a note an edit moved), if anything.
    pub warnings: Option<String>,
    /// No build has succeeded yet: `files` is a page that says so, at every address.
    pub unbuilt: bool,
    /// The site's `base_url`, which the 404 page's links start with: served here, they
    /// lead to this server instead.
    pub base_url: String,
}

/// What serve shows at every address when the site has never built: the overlay
/// carries the problems, live reload the fix.
pub fn unbuilt_site() -> crate::render::Site {
    let page = bytes::Bytes::from_static(b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gloss</title></head><body><h1>The site does not build yet</h1></body></html>");
    crate::render::Site {
        files: ["404.html", "index.html"]
            .into_iter()
            .map(|path| crate::render::OutputFile::new(path, page.clone()))
            .collect(),
    }
}

/// Shared between the rebuild thread and the request handlers.
pub type Shared = Arc<RwLock<Served>>;

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// Not valid percent-encoding or UTF-8, or a segment that could leave the site.
    BadRequest,
}

/// The site path a URL path names (`/2019/x/` -> `2019/x/index.html`), or why none.
///
/// # Errors
/// [`PathError::BadRequest`] for traversal attempts and malformed encoding.
pub fn site_path(url_path: &str) -> Result<String, PathError> {
    let decoded = percent_decode(url_path).ok_or(PathError::BadRequest)?;
    if decoded.contains(['\\', '\0']) {
        return Err(PathError::BadRequest);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(PathError::BadRequest),
            s if s.contains(':') || s.starts_with('~') => return Err(PathError::BadRequest),
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("jsonld") => "application/ld+json",
        Some("xml") => "application/xml; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Handles one request against the shared site.
pub async fn handle(shared: Shared, request: Request<Body>) -> Response<Body> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
    }
    let raw = request.uri().path().to_owned();
    let Ok(path) = site_path(&raw) else {
        return plain(StatusCode::BAD_REQUEST, "bad path\n");
    };
    let Ok(served) = shared.read() else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server's state is broken; restart gloss serve\n",
        );
    };
    if let Some(bytes) = served.files.get(&path) {
        return file(&path, bytes, notice(&served), StatusCode::OK);
    }
    let folder_index = format!("{path}/index.html");
    if !raw.ends_with('/') && served.files.get(&folder_index).is_some() {
        let location = format!("{raw}/");
        let mut response = plain(StatusCode::PERMANENT_REDIRECT, "");
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    match served.files.get("404.html") {
        Some(bytes) => {
            let local = local_links(bytes, &served.base_url);
            file("404.html", &local, notice(&served), StatusCode::NOT_FOUND)
        }
        None => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// The 404 page with its links to the published site (`href="https://example.org/x"`)
/// made links to the same place on this server (`href="/x"`): what it links to, the
/// stylesheet of a custom theme say, is then what is being edited.
fn local_links(page: &bytes::Bytes, base_url: &str) -> bytes::Bytes {
    let text = String::from_utf8_lossy(page);
    if base_url.is_empty() || !text.contains(base_url) {
        return page.clone();
    }
    let mut out = text.into_owned();
    for attribute in ["href", "src"] {
        out = out.replace(
            &format!("{attribute}=\"{base_url}"),
            &format!("{attribute}=\"/"),
        );
    }
    bytes::Bytes::from(out)
}

/// What HTML pages carry over the site: the last failure, or else the last warnings.
#[derive(Debug, Clone, Copy)]
enum Notice<'a> {
    /// The problems, and whether the pages are those of the last good build.
    Failed(&'a str, bool),
    Warned(&'a str),
}

fn notice(served: &Served) -> Option<Notice<'_>> {
    served
        .error
        .as_deref()
        .map(|error| Notice::Failed(error, !served.unbuilt))
        .or_else(|| served.warnings.as_deref().map(Notice::Warned))
}

fn file(
    path: &str,
    bytes: &bytes::Bytes,
    notice: Option<Notice<'_>>,
    status: StatusCode,
) -> Response<Body> {
    let kind = content_type(path);
    let body = match notice {
        Some(Notice::Failed(error, good)) if kind.starts_with("text/html") => {
            Body::from(with_overlay(bytes, error, good))
        }
        Some(Notice::Warned(warnings)) if kind.starts_with("text/html") => {
            Body::from(with_warnings(bytes, warnings))
        }
        _ => Body::from(bytes.clone()),
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The page with the build's diagnostics laid over it, before `</body>`; `good` when
/// the page is that of the last good build.
pub fn with_overlay(page: &[u8], error: &str, good: bool) -> Vec<u8> {
    let headline = if good {
        "gloss: the last change did not build; this page is the last good version."
    } else {
        "gloss: the site does not build yet; this page comes back when it does."
    };
    let overlay = format!(
        "<div id=\"gloss-error-overlay\" role=\"alert\" lang=\"en\" dir=\"ltr\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0a0a;color:#ffe9e9;font:14px/1.45 ui-monospace,monospace;border-top:4px solid #ff5c5c;box-shadow:0 -4px 24px rgba(0,0,0,.4)\"><p style=\"margin:0 0 .5rem;font-weight:bold\">{headline}</p><pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>",
        escaped(error)
    );
    before_body_end(page, &overlay)
}

/// The page with the last rebuild's warnings in a banner the reader can close, before
/// `</body>`: the site built, but something needs a look.
pub fn with_warnings(page: &[u8], warnings: &str) -> Vec<u8> {
    let banner = format!(
        "<div id=\"gloss-warnings\" role=\"status\" lang=\"en\" dir=\"ltr\" style=\"position:fixed;inset:auto 0 0 0;max-height:40vh;overflow:auto;z-index:2147483647;margin:0;padding:.75rem 1.25rem;background:#2b230a;color:#fff4d6;font:14px/1.45 ui-monospace,monospace;border-top:4px solid #e0a526\"><button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\">Close</button><p style=\"margin:0 0 .5rem;font-weight:bold\">gloss: the last change built, with warnings.</p><pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>",
        escaped(warnings)
    );
    before_body_end(page, &banner)
}

fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut escaped, text);
    escaped
}

fn before_body_end(page: &[u8], insert: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    match text.rfind("</body>") {
        Some(at) => format!("{}{insert}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{insert}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_404_page_links_to_this_server_instead_of_the_published_site() {
        let page = bytes::Bytes::from_static(
            b"<link href=\"https://example.org/sub/theme.css\"><a href=\"https://example.org/sub/\">Home</a> <a href=\"https://elsewhere.org/\">x</a>",
        );
        let local = local_links(&page, "https://example.org/sub/");
        assert_eq!(
            String::from_utf8_lossy(&local),
            "<link href=\"/theme.css\"><a href=\"/\">Home</a> <a href=\"https://elsewhere.org/\">x</a>"
        );
    }

    #[test]
    fn folders_and_files_map_to_site_paths() {
        assert_eq!(site_path("/").as_deref(), Ok("index.html"));
        assert_eq!(site_path("/2019/x/").as_deref(), Ok("2019/x/index.html"));
        assert_eq!(site_path("/style.css").as_deref(), Ok("style.css"));
        assert_eq!(site_path("/a%20b/").as_deref(), Ok("a b/index.html"));
    }

    #[test]
    fn traversal_in_every_spelling_is_refused() {
        for path in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2E%2E/b",
            "/..%2fx",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/C:/x",
            "/a%00b",
            "/%zz",
        ] {
            assert_eq!(site_path(path), Err(PathError::BadRequest), "{path}");
        }
    }

    #[test]
    fn a_failure_hides_the_warnings_and_both_reach_only_html() {
        let served = Served {
            warnings: Some("note 1 has moved".into()),
            ..Served::default()
        };
        let page = bytes::Bytes::from_static(b"<html><body></body></html>");
        let warned = file("a/index.html", &page, notice(&served), StatusCode::OK);
        assert!(futures_body(warned).contains("gloss-warnings"));
        let failed = Served {
            error: Some("quote not found".into()),
            warnings: served.warnings.clone(),
            ..Served::default()
        };
        let shown = futures_body(file("a/index.html", &page, notice(&failed), StatusCode::OK));
        assert!(shown.contains("gloss-error-overlay") && !shown.contains("gloss-warnings"));
        let css = file("style.css", &page, notice(&failed), StatusCode::OK);
        assert!(!futures_body(css).contains("gloss-"));
    }

    #[test]
    fn a_site_that_never_built_shows_its_problems_at_every_address() {
        let served = Served {
            files: unbuilt_site(),
            error: Some("quote not found".into()),
            unbuilt: true,
            ..Served::default()
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        for path in ["/", "/2020/a/index.html", "/2020/a/"] {
            let request = Request::builder()
                .uri(path)
                .body(Body::empty())
                .expect("request");
            let shared = Arc::new(RwLock::new(Served {
                files: crate::render::Site {
                    files: served.files.files.clone(),
                },
                error: served.error.clone(),
                unbuilt: true,
                warnings: None,
                base_url: String::new(),
            }));
            let response = runtime.block_on(handle(shared, request));
            let body = futures_body(response);
            assert!(body.contains("The site does not build yet"), "{path}");
            assert!(body.contains("quote not found"), "{path}");
            assert!(
                body.contains("does not build yet; this page comes back"),
                "{path}"
            );
            assert!(!body.contains("last good version"), "{path}");
        }
    }

    /// The whole body of a response built from bytes.
    fn futures_body(response: Response<Body>) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .expect("body");
        String::from_utf8(bytes.to_vec()).expect("utf-8")
    }

    #[test]
    fn the_overlay_goes_before_the_body_end_and_is_escaped() {
        let page = with_overlay(b"<html><body><p>x</p></body></html>", "error: <bad>", true);
        let text = String::from_utf8(page).expect("utf-8");
        assert!(text.contains("&lt;bad&gt;"));
        assert!(text.ends_with("</div></body></html>"));
    }
}
