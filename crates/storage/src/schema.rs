// Mirrors migrations/{sqlite,postgres}. `cargo xtask check-schema` (the test
// `tests/contract/schema_drift.rs`) fails when the two drift apart.

diesel::table! {
    organizations (id) {
        id -> Text,
        name -> Text,
        main_plan -> Text,
        api_credits_addon -> Bool,
        embed_subscription -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    workspaces (id) {
        id -> Text,
        organization_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        organization_id -> Nullable<Text>,
        workspace_id -> Nullable<Text>,
        name -> Text,
        key_hash -> Binary,
        prefix -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        kind -> Text,
    }
}

diesel::table! {
    social_accounts (id) {
        id -> Text,
        organization_id -> Text,
        workspace_id -> Text,
        platform_type -> Text,
        account_handle -> Text,
        account_type -> Text,
        account_name -> Text,
        account_logo -> Nullable<Text>,
        access_token_status -> Text,
        token_expires_at -> Nullable<Timestamp>,
        access_token_ciphertext -> Binary,
        refresh_token_ciphertext -> Nullable<Binary>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        external_id -> Nullable<Text>,
        token_updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    scheduled_posts (id) {
        id -> Text,
        workspace_id -> Text,
        status -> Text,
        scheduled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        design_id -> Nullable<Text>,
        labels -> Nullable<Text>,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    scheduled_post_accounts (scheduled_post_id, social_account_id) {
        scheduled_post_id -> Text,
        social_account_id -> Text,
        status -> Text,
        position -> Integer,
        live_link -> Nullable<Text>,
        error_message -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        claim_id -> Nullable<Text>,
        lease_expires_at -> Nullable<Timestamp>,
        lease_seconds -> Nullable<Integer>,
        previous_outcome -> Nullable<Text>,
        claim_report -> Nullable<Text>,
        scheduled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    designs (id) {
        id -> Text,
        workspace_id -> Text,
        name -> Text,
        design_type -> Text,
        source -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    post_captions (scheduled_post_id, caption_key) {
        scheduled_post_id -> Text,
        caption_key -> Text,
        text -> Text,
    }
}

diesel::table! {
    post_settings (scheduled_post_id, settings_key) {
        scheduled_post_id -> Text,
        settings_key -> Text,
        value -> Text,
    }
}

diesel::table! {
    idempotency_keys (workspace_id, idempotency_key) {
        workspace_id -> Text,
        idempotency_key -> Text,
        request_hash -> Binary,
        post_id -> Nullable<Text>,
        response_status -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    social_account_usage (social_account_id) {
        social_account_id -> Text,
        draft -> BigInt,
        pending -> BigInt,
        published -> BigInt,
        failed -> BigInt,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        at -> Timestamp,
        organization_id -> Nullable<Text>,
        workspace_id -> Nullable<Text>,
        actor_kind -> Text,
        actor_key_id -> Nullable<Text>,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        request_id -> Nullable<Text>,
        details -> Nullable<Text>,
    }
}

diesel::table! {
    operator_idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        request_hash -> Binary,
        response_status -> Nullable<Integer>,
        response_sealed -> Nullable<Binary>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Text,
        organization_id -> Text,
        url -> Text,
        events -> Text,
        description -> Nullable<Text>,
        enabled -> Bool,
        secret_sealed -> Binary,
        previous_secret_sealed -> Nullable<Binary>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    account_notices (social_account_id) {
        social_account_id -> Text,
        expiry_warned_for -> Nullable<Timestamp>,
        reauth_notified -> Nullable<Text>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        event_id -> Text,
        endpoint_id -> Text,
        event_type -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        last_attempt_at -> Nullable<Timestamp>,
        lease -> Nullable<Text>,
        response_status -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(workspaces -> organizations (organization_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(social_account_usage -> social_accounts (social_account_id));
diesel::joinable!(api_keys -> workspaces (workspace_id));
diesel::joinable!(social_accounts -> workspaces (workspace_id));
diesel::joinable!(scheduled_posts -> workspaces (workspace_id));
diesel::joinable!(scheduled_post_accounts -> scheduled_posts (scheduled_post_id));
diesel::joinable!(scheduled_post_accounts -> social_accounts (social_account_id));
diesel::joinable!(scheduled_posts -> designs (design_id));
diesel::joinable!(designs -> workspaces (workspace_id));
diesel::joinable!(post_captions -> scheduled_posts (scheduled_post_id));
diesel::joinable!(post_settings -> scheduled_posts (scheduled_post_id));

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    workspaces,
    api_keys,
    social_accounts,
    scheduled_posts,
    scheduled_post_accounts,
    designs,
    post_captions,
    post_settings,
    idempotency_keys,
    social_account_usage,
    audit_events,
    operator_idempotency_keys,
    webhook_endpoints,
    webhook_deliveries,
    account_notices,
);
