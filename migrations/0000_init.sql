CREATE TABLE `unit_successions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`predecessor_id` integer NOT NULL,
	`successor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`effective_on` text NOT NULL,
	`legal_ref` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`predecessor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_successions_pred_idx` ON `unit_successions` (`predecessor_id`);--> statement-breakpoint
CREATE INDEX `unit_successions_succ_idx` ON `unit_successions` (`successor_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`type` text NOT NULL,
	`parent_id` integer,
	`path` text NOT NULL,
	`depth` integer NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`search_text` text NOT NULL,
	`sort_key` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "units_valid_range" CHECK("units"."valid_to" IS NULL OR "units"."valid_from" IS NULL OR "units"."valid_from" <= "units"."valid_to")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE INDEX `units_path_idx` ON `units` (`path`);--> statement-breakpoint
CREATE INDEX `units_sort_idx` ON `units` (`sort_key`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`province_unit_id` integer,
	`title_vi` text NOT NULL,
	`title_en` text,
	`kind` text NOT NULL,
	`document_ref` text,
	`issued_on` text,
	`issuing_body` text,
	`period_start` text,
	`period_end` text,
	`start_date` text,
	`end_date` text,
	`owner_unit_id` integer,
	`on_track_threshold` real,
	`at_risk_threshold` real,
	`grace_days` integer DEFAULT 15 NOT NULL,
	`source` text,
	`is_sample` integer DEFAULT false NOT NULL,
	`search_text` text NOT NULL,
	`sort_key` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`province_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_code_unique` ON `plans` (`code`);--> statement-breakpoint
CREATE INDEX `plans_owner_idx` ON `plans` (`owner_unit_id`);--> statement-breakpoint
CREATE INDEX `plans_province_idx` ON `plans` (`province_unit_id`);--> statement-breakpoint
CREATE INDEX `plans_sort_idx` ON `plans` (`sort_key`);--> statement-breakpoint
CREATE TABLE `indicator_contributors` (
	`indicator_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`indicator_id`, `unit_id`),
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicator_contributors_unit_idx` ON `indicator_contributors` (`unit_id`);--> statement-breakpoint
CREATE TABLE `indicator_milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_milestones_uq` ON `indicator_milestones` (`indicator_id`,`date`);--> statement-breakpoint
CREATE TABLE `indicator_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`revision_no` integer NOT NULL,
	`effective_at` text NOT NULL,
	`baseline_value` real,
	`baseline_date` text,
	`target_value` real,
	`target_date` text,
	`milestones` text NOT NULL,
	`reason` text NOT NULL,
	`legal_ref` text,
	`actor_id` integer,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_revisions_uq` ON `indicator_revisions` (`indicator_id`,`revision_no`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`plan_id` integer,
	`unit_id` integer NOT NULL,
	`field` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`measure` text NOT NULL,
	`unit_label` text,
	`direction` text NOT NULL,
	`baseline_value` real,
	`baseline_date` text,
	`target_value` real,
	`target_date` text,
	`target_period` text,
	`tolerance` real,
	`frequency` text DEFAULT 'yearly' NOT NULL,
	`data_source` text,
	`notes` text,
	`weight` real DEFAULT 1 NOT NULL,
	`is_sample` integer DEFAULT false NOT NULL,
	`search_text` text NOT NULL,
	`sort_key` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_unique` ON `indicators` (`code`);--> statement-breakpoint
CREATE INDEX `indicators_plan_idx` ON `indicators` (`plan_id`);--> statement-breakpoint
CREATE INDEX `indicators_unit_idx` ON `indicators` (`unit_id`);--> statement-breakpoint
CREATE INDEX `indicators_field_idx` ON `indicators` (`field`);--> statement-breakpoint
CREATE INDEX `indicators_sort_idx` ON `indicators` (`sort_key`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`ip` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_email_idx` ON `login_failures` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `login_failures_ip_idx` ON `login_failures` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`family_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refresh_tokens_token_hash_unique` ON `refresh_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_family_idx` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_user_idx` ON `refresh_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`unit_id` integer NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`last_login_at` text,
	`search_text` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_unit_idx` ON `users` (`unit_id`);--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer,
	`version_no` integer DEFAULT 1 NOT NULL,
	`indicator_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`period` text NOT NULL,
	`period_end` text NOT NULL,
	`value` real,
	`numerator` real,
	`denominator` real,
	`qualifier` text,
	`value_to` real,
	`comment` text,
	`source` text,
	`quote` text,
	`state` text NOT NULL,
	`origin` text NOT NULL,
	`import_id` integer,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`submitted_by` integer,
	`submitted_at` text,
	`reviewed_by` integer,
	`reviewed_at` text,
	`accepted_at` text,
	`return_reason` text,
	`superseded_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `observations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `observations_indicator_idx` ON `observations` (`indicator_id`,`unit_id`,`period`);--> statement-breakpoint
CREATE INDEX `observations_unit_idx` ON `observations` (`unit_id`,`state`);--> statement-breakpoint
CREATE INDEX `observations_series_idx` ON `observations` (`series_id`);--> statement-breakpoint
CREATE INDEX `observations_state_idx` ON `observations` (`state`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`files` text NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`actor_role` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`unit_id` integer,
	`before` text,
	`after` text,
	`request_id` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_events` (`at`);