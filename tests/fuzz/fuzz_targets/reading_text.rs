//! The reading-text builder: for any Markdown, segments are in order, inside the reading
//! text and the body, on char boundaries, and a literal segment is its source byte for byte.
#![no_main]

use gloss::parse::reading_text::ReadingText;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let reading = ReadingText::build(body);
    let mut last = 0;
    for segment in &reading.segments {
        assert!(segment.text.start >= last && segment.text.end <= reading.text.len());
        assert!(segment.source.end <= body.len());
        assert!(reading.text.is_char_boundary(segment.text.start) && reading.text.is_char_boundary(segment.text.end));
        if segment.literal {
            assert_eq!(&reading.text[segment.text.clone()], &body[segment.source.clone()]);
        }
        last = segment.text.end;
    }
    for pair in reading.blocks.windows(2) {
        assert!(pair[0].text.end <= pair[1].text.start);
    }
});
