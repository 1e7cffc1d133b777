//! The same corpus as a Hugo site: `hugo.toml` and minimal layouts that make the pages
//! gloss makes (home with pagination, articles, taxonomy and term pages with pagination,
//! RSS, sitemap, 404), each note a Markdown footnote right after its quote.

/// `hugo.toml`: ten per page; tags, authors and publications as taxonomies; the home page
/// and each term with an RSS feed of the newest 20, as gloss's Atom feeds hold.
pub(crate) fn config(title: &str) -> String {
    format!(
        r#"baseURL = "https://example.org/"
title = "{title}"
locale = "en"
enableRobotsTXT = true
disableKinds = []

[pagination]
pagerSize = 10
disableAliases = true

[taxonomies]
tag = "tags"
author = "authors"
source = "sources"

[outputs]
home = ["html", "rss"]
page = ["html"]
section = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[services.rss]
limit = 20

[markup.goldmark.renderer]
unsafe = false
"#
    )
}

/// The layouts, by path under `layouts/`, written as a Hugo user who cares about build
/// time writes them: an article's summary is the same on every list that shows it, so it
/// is rendered once (`partialCached`), and the home page's article list is filtered once
/// for all its pages, not once per page.
pub(crate) const LAYOUTS: [(&str, &str); 9] = [
    (
        "baseof.html",
        r#"<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "tags/" | relURL }}">Tags</a> <a href="{{ "authors/" | relURL }}">Authors</a> <a href="{{ "sources/" | relURL }}">Publications</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="byline">{{ with .Date }}<time datetime="{{ .Format "2006-01-02" }}">{{ .Format "2006-01-02" }}</time>{{ end }}
{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "sources" }}in <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ with .Params.source_url }}<p class="source"><a href="{{ . }}">Original</a></p>{{ end }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
</article>{{ end }}
"#,
    ),
    (
        "_partials/summary.html",
        r#"<article class="summary">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ with .Date }}<time>{{ .Format "2006-01-02" }}</time>{{ end }}
{{ range .GetTerms "authors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>{{ .Summary }}</p>
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
"#,
    ),
    (
        "_partials/articles.html",
        r#"{{ return where site.RegularPages "Section" "!=" "context" }}
"#,
    ),
    (
        "_partials/pager.html",
        r#"{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }}
<span>page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}
</nav>{{ end }}{{ end }}
"#,
    ),
    (
        "home.html",
        r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $articles := partialCached "articles.html" "articles" }}
{{ range (.Paginate $articles).Pages }}{{ partialCached "summary.html" . .Path }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
"#,
    ),
    (
        "list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}{{ partialCached "summary.html" . .Path }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
"#,
    ),
    (
        "taxonomy.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Home</a></p>{{ end }}
"#,
    ),
];

/// `term.html` is `list.html`: the articles of one tag, author or publication.
pub(crate) const TERM_LAYOUT: &str = "term.html";
