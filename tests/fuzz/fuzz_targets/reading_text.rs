//! The reading-text builder: for any Markdown, segments are in order, inside the reading
//! text and the body, on char boundaries, and a literal segment is its source byte for byte.
#![no_main]

use gloss::parse::reading_text::ReadingText;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let reading = ReadingText::build(body);
    let mut last = 0;
    for segment in &reading.segments {
        let (text, source) = (segment.text(), segment.source());
        assert!(text.start >= last && text.end <= reading.text.len());
        assert!(source.end <= body.len());
        assert!(reading.text.is_char_boundary(text.start) && reading.text.is_char_boundary(text.end));
        if segment.literal {
            assert_eq!(&reading.text[text.clone()], &body[source]);
        }
        last = text.end;
    }
    for pair in reading.blocks.windows(2) {
        assert!(pair[0].text.end <= pair[1].text.start);
    }
});
