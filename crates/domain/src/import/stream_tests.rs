//! The streaming reader against the in-memory one: the same errors, the same records.
//!
//! Every test of `tests`, `schedule_tests` and `schedule_errors_tests` validates through
//! [`both`], so each file they try is also read as a stream and must give the same answer.

use super::*;
use crate::{Platforms, Timestamp};

/// [`ImportBatch::from_json`], after checking that [`ImportStream`] agrees with it: the same
/// error, or the same counts and posts (minted ids aside), delivered in chunks of two.
pub(super) fn both(
    text: &str,
    now: Timestamp,
    platforms: &Platforms,
) -> Result<ImportBatch, ImportError> {
    let in_memory = ImportBatch::from_json(text, now, platforms);
    let streamed = streamed(text, now, platforms, 2);
    match (&in_memory, &streamed) {
        (Ok(batch), Ok((report, posts))) => {
            assert_eq!(batch.report(), *report, "counts of {text}");
            assert_eq!(batch.scheduled_posts.len(), posts.len());
            for (whole, chunked) in batch.scheduled_posts.iter().zip(posts) {
                assert_eq!(without_minted_id(whole), without_minted_id(chunked));
            }
        }
        (Err(whole), Err(chunked)) => assert_eq!(whole, chunked, "errors of {text}"),
        (whole, chunked) => panic!("in memory {whole:?}, streamed {chunked:?}, for {text}"),
    }
    in_memory
}

fn without_minted_id(post: &NewScheduledPost) -> String {
    format!("{post:?}").replace(post.id.as_str(), "<id>")
}

/// Both passes over `text`: the report of the first, the posts of the second.
fn streamed(
    text: &str,
    now: Timestamp,
    platforms: &Platforms,
    chunk_len: usize,
) -> Result<(ImportReport, Vec<NewScheduledPost>), ImportError> {
    let open = || Ok::<_, std::io::Error>(text.as_bytes());
    let mut stream = ImportStream::scan(open, now, platforms)?;
    assert!(stream.head.scheduled_posts.is_empty());
    let mut posts = Vec::new();
    let mut firsts = Vec::new();
    stream
        .posts
        .for_each_chunk(chunk_len, &mut |first, chunk| {
            assert!(!chunk.is_empty() && chunk.len() <= chunk_len);
            firsts.push(first);
            posts.extend_from_slice(chunk);
            Ok(())
        })?;
    let expected: Vec<usize> = (0..posts.len()).step_by(chunk_len).collect();
    assert_eq!(firsts, expected, "each chunk names its first post's index");
    Ok((stream.report(), posts))
}

fn post(id: &str) -> String {
    format!(r#"{{ "id": "{id}", "workspaceId": "ws_1", "status": "DRAFT" }}"#)
}

fn posts_file(count: usize) -> String {
    let posts: Vec<String> = (0..count).map(|i| post(&format!("post_{i}"))).collect();
    format!(r#"{{ "scheduledPosts": [{}] }}"#, posts.join(","))
}

fn error(text: &str) -> String {
    both(text, Timestamp::now(), &Platforms::default())
        .unwrap_err()
        .to_string()
}

#[test]
fn chunks_are_delivered_in_file_order_with_their_first_index() {
    let file = posts_file(5);
    let (report, posts) = streamed(&file, Timestamp::now(), &Platforms::default(), 2).unwrap();
    assert_eq!(report.scheduled_posts, 5);
    let ids: Vec<&str> = posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["post_0", "post_1", "post_2", "post_3", "post_4"]);
}

#[test]
fn a_syntax_error_after_a_bad_post_is_the_one_reported() {
    // Parsing goes on past the bad status, as the in-memory reader parses all first.
    let file = r#"{ "scheduledPosts": [
        { "workspaceId": "ws_1", "status": "LOST" },
        { "workspaceId": "ws_1", "status": "DRAFT", "colour": 1 } ] }"#;
    assert_eq!(
        error(file),
        "scheduledPosts[1].colour: unknown field `colour`, expected one of `id`, \
         `workspaceId`, `status`, `scheduledAt`, `designId`, `labels`, `postContent`, \
         `postSettings`, `instagramPostSettings`, `tiktokPostSettings`, \
         `linkedinPostSettings`, `threadsPostSettings`, `facebookPostSettings`, \
         `pinterestPostSettings`, `publishedAt`, `errorMessage`, `createdAt`, \
         `socialAccounts` at line 3 column 61"
    );
}

#[test]
fn an_earlier_section_is_checked_before_the_posts_wherever_it_is_written() {
    let file = r#"{ "scheduledPosts": [ { "workspaceId": "ws_1", "status": "LOST" } ],
        "workspaces": [ { "id": "ws 1", "organizationId": "org_1", "name": "W" } ] }"#;
    assert!(
        error(file).starts_with("workspaces[0].id: "),
        "{}",
        error(file)
    );
}

#[test]
fn sections_are_named_exactly_once() {
    assert_eq!(
        error(r#"{ "scheduledPosts": [], "scheduledPosts": [] }"#),
        ".: duplicate field `scheduledPosts` at line 1 column 41"
    );
    assert_eq!(
        error(r#"{ "posts": [] }"#),
        "posts: unknown field `posts`, expected one of `organizations`, `workspaces`, \
         `apiKeys`, `socialAccounts`, `designs`, `scheduledPosts` at line 1 column 10"
    );
}

#[test]
fn a_section_must_be_an_array_and_the_file_an_object() {
    assert_eq!(
        error(r#"{ "scheduledPosts": {} }"#),
        "scheduledPosts: invalid type: map, expected a sequence at line 1 column 21"
    );
    assert_eq!(
        error("[]"),
        ".: invalid type: sequence, expected struct ImportFile at line 1 column 1"
    );
}

#[test]
fn nothing_may_follow_the_file() {
    assert_eq!(
        error(r#"{ "scheduledPosts": [] } {}"#),
        ".: trailing characters at line 1 column 26"
    );
}

#[test]
fn a_file_changed_between_the_passes_is_refused() {
    let files = [posts_file(3), posts_file(4)];
    let mut opened = 0;
    let open = || {
        let file = files[opened.min(1)].clone();
        opened += 1;
        Ok::<_, std::io::Error>(std::io::Cursor::new(file))
    };
    let mut stream = ImportStream::scan(open, Timestamp::now(), &Platforms::default()).unwrap();
    let error = stream
        .posts
        .for_each_chunk(10, &mut |_, _| Ok(()))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        ".: the file changed while it was being imported"
    );
}

#[test]
fn the_sinks_error_stops_the_second_pass() {
    let file = posts_file(5);
    let open = || Ok::<_, std::io::Error>(file.as_bytes());
    let mut stream = ImportStream::scan(open, Timestamp::now(), &Platforms::default()).unwrap();
    let mut calls = 0;
    let error = stream
        .posts
        .for_each_chunk(2, &mut |first, _| {
            calls += 1;
            Err(ImportError::field("scheduledPosts", first, "id", "taken"))
        })
        .unwrap_err();
    assert_eq!(calls, 1);
    assert_eq!(error.to_string(), "scheduledPosts[0].id: taken");
}

#[test]
fn a_file_that_cannot_be_opened_is_named_as_such() {
    let open = || Err::<&[u8], _>(std::io::Error::other("gone"));
    let Err(error) = ImportStream::scan(open, Timestamp::now(), &Platforms::default()) else {
        panic!("an unreadable file was read");
    };
    assert_eq!(error.to_string(), ".: cannot read the file: gone");
}
