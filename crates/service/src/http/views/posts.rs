//! Bodies of the Schedule API: the scheduled-post object in the contract's field order (nested
//! objects too; nullable fields are `null`, never omitted), and its envelopes. Each type is
//! also its OpenAPI schema; the parts that depend on the served platforms (the settings
//! objects, the caption keys) point at components built for them (`openapi::components`).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use social_accounts_domain::schedule::{Caption, Design, PostLink, ScheduledPost, SettingsKey};
use social_accounts_domain::{Platforms, Timestamp};
use utoipa::ToSchema;

use crate::http::openapi::components;

/// One scheduled post, as the contract shows it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ScheduledPost)]
pub struct PostView<'a> {
    id: &'a str,
    #[schema(required)]
    design_id: Option<&'a str>,
    #[schema(required)]
    labels: Option<&'a [String]>,
    #[schema(schema_with = components::post_status)]
    status: &'static str,
    #[schema(format = DateTime)]
    scheduled_for: String,
    #[schema(required, format = DateTime)]
    published_at: Option<String>,
    #[schema(required)]
    error_message: Option<&'a str>,
    /// The settings objects, a key each, between `errorMessage` and `postContents`.
    #[serde(flatten)]
    #[schema(schema_with = components::settings_objects)]
    settings: SettingsObjects<'a>,
    post_contents: Vec<CaptionView<'a>>,
    #[schema(required)]
    design_details: Option<DesignView<'a>>,
    social_accounts: Vec<LinkView<'a>>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

/// A post's settings objects under their keys, in the post object's order
/// ([`SettingsKey::IN_POST_OBJECT`]): every key the served platforms allow, `null` where the
/// post has none.
#[derive(Debug)]
pub struct SettingsObjects<'a> {
    post: &'a ScheduledPost,
    platforms: Platforms,
}

impl Serialize for SettingsObjects<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for key in settings_keys(&self.platforms) {
            map.serialize_entry(key.as_str(), &self.post.settings.get(key))?;
        }
        map.end()
    }
}

/// The settings objects' keys a post shows with `platforms` served, in order (also the
/// properties of their OpenAPI component).
pub fn settings_keys(platforms: &Platforms) -> impl Iterator<Item = SettingsKey> + '_ {
    SettingsKey::IN_POST_OBJECT
        .into_iter()
        .filter(|key| key.is_allowed(platforms))
}

/// One caption with the hashtags read from it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PostContent)]
pub struct CaptionView<'a> {
    #[schema(schema_with = components::caption_key)]
    platform: &'static str,
    text: &'a str,
    hashtags: &'a [String],
}

/// The post's design.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = DesignDetails)]
pub struct DesignView<'a> {
    id: &'a str,
    name: &'a str,
    design_type: &'a str,
    source: &'a str,
}

/// One link: an account the post goes to, and how that went.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = PostLink)]
pub struct LinkView<'a> {
    social_account_id: &'a str,
    #[schema(required)]
    live_link: Option<&'a str>,
    #[schema(required)]
    error_message: Option<&'a str>,
    #[schema(schema_with = components::link_status)]
    status: &'static str,
    #[schema(required, format = DateTime)]
    published_at: Option<String>,
}

fn time(at: Option<Timestamp>) -> Option<String> {
    at.map(|t| t.to_string())
}

impl<'a> PostView<'a> {
    /// The view of `post` with `platforms` served.
    pub fn new(post: &'a ScheduledPost, platforms: &Platforms) -> Self {
        Self {
            id: post.id.as_str(),
            design_id: post.design.as_ref().map(|d| d.id.as_str()),
            labels: post.labels.as_deref(),
            status: post.shown_status().as_str(),
            scheduled_for: post.scheduled_for.to_string(),
            published_at: time(post.published_at()),
            error_message: post.error_message(),
            settings: SettingsObjects {
                post,
                platforms: *platforms,
            },
            post_contents: post.captions.iter().map(CaptionView::new).collect(),
            design_details: post.design.as_ref().map(DesignView::new),
            social_accounts: post.links.iter().map(LinkView::new).collect(),
            created_at: post.created_at.to_string(),
            updated_at: post.updated_at.to_string(),
        }
    }
}

impl<'a> CaptionView<'a> {
    fn new(caption: &'a Caption) -> Self {
        Self {
            platform: caption.key.as_str(),
            text: &caption.text,
            hashtags: &caption.hashtags,
        }
    }
}

impl<'a> DesignView<'a> {
    fn new(design: &'a Design) -> Self {
        Self {
            id: design.id.as_str(),
            name: &design.name,
            design_type: &design.design_type,
            source: &design.source,
        }
    }
}

impl<'a> LinkView<'a> {
    fn new(link: &'a PostLink) -> Self {
        Self {
            social_account_id: link.account_id.as_str(),
            live_link: link.live_link.as_deref(),
            error_message: link.error_message.as_deref(),
            status: link.status.as_str(),
            published_at: time(link.published_at),
        }
    }
}

/// `{ "success": true, "message": …, "data": post }` of a create or replace.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostWritten<'a> {
    success: bool,
    message: &'static str,
    data: PostView<'a>,
}

/// The create/replace body.
pub fn written<'a>(
    message: &'static str,
    post: &'a ScheduledPost,
    platforms: &Platforms,
) -> PostWritten<'a> {
    PostWritten {
        success: true,
        message,
        data: PostView::new(post, platforms),
    }
}

/// The exact text of a create's 200 (what an idempotency key stores).
pub fn created_text(post: &ScheduledPost, platforms: &Platforms) -> String {
    serde_json::to_string(&written("Scheduled post created", post, platforms)).unwrap_or_default()
}

/// `{ "success": true, "data": post }` of a read.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostRead<'a> {
    success: bool,
    data: PostView<'a>,
}

/// The read body.
pub fn post<'a>(post: &'a ScheduledPost, platforms: &Platforms) -> PostRead<'a> {
    PostRead {
        success: true,
        data: PostView::new(post, platforms),
    }
}

/// `{ "success": true, "data": [posts] }` of the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostList<'a> {
    success: bool,
    data: Vec<PostView<'a>>,
}

/// The list body.
pub fn posts<'a>(posts: &'a [ScheduledPost], platforms: &Platforms) -> PostList<'a> {
    PostList {
        success: true,
        data: posts.iter().map(|p| PostView::new(p, platforms)).collect(),
    }
}

/// `{ "message": "Post deleted successfully" }` of a delete.
#[derive(Debug, Serialize, ToSchema)]
pub struct Deleted {
    message: &'static str,
}

/// `{ "success": true, "message": "Scheduled post deleted", "data": {…} }`.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostDeleted {
    success: bool,
    message: &'static str,
    data: Deleted,
}

/// The delete body.
pub const POST_DELETED: PostDeleted = PostDeleted {
    success: true,
    message: "Scheduled post deleted",
    data: Deleted {
        message: "Post deleted successfully",
    },
};
