CREATE TABLE `export_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`filters` text NOT NULL,
	`status` text NOT NULL,
	`rows_written` integer DEFAULT 0 NOT NULL,
	`total_rows` integer,
	`files` text,
	`manifest` text,
	`chain_head` text,
	`error` text,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `export_jobs_actor_idx` ON `export_jobs` (`actor_id`);--> statement-breakpoint
CREATE TABLE `status_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`period` text NOT NULL,
	`as_of` text NOT NULL,
	`number` text,
	`issuing_body` text NOT NULL,
	`place` text NOT NULL,
	`issued_on` text NOT NULL,
	`title` text NOT NULL,
	`signer_title` text NOT NULL,
	`signer_name` text NOT NULL,
	`recipients` text NOT NULL,
	`state` text NOT NULL,
	`snapshot` text,
	`method_id` text,
	`chain_head` text,
	`known_at` text,
	`docx_sha256` text,
	`pdf_sha256` text,
	`frozen_at` text,
	`frozen_by` integer,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`frozen_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_reports_unit_idx` ON `status_reports` (`unit_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `status_reports_number_uq` ON `status_reports` (`unit_id`,`number`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `hash` text;