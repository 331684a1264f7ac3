CREATE TABLE `reference_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
-- The one row; the triggers below move it whenever what the server remembers (state-stamp.ts) may have changed.
INSERT INTO `reference_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `users_reference_insert` AFTER INSERT ON `users`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
-- Only the columns the access check reads: a sign-in, which sets last_login_at, moves nothing.
CREATE TRIGGER `users_reference_update` AFTER UPDATE OF `email`, `name`, `role`, `unit_id`, `disabled` ON `users`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_reference_delete` AFTER DELETE ON `users`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `units_reference_insert` AFTER INSERT ON `units`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `units_reference_update` AFTER UPDATE ON `units`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `units_reference_delete` AFTER DELETE ON `units`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_reference_insert` AFTER INSERT ON `indicators`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_reference_update` AFTER UPDATE ON `indicators`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicators_reference_delete` AFTER DELETE ON `indicators`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_contributors_reference_insert` AFTER INSERT ON `indicator_contributors`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_contributors_reference_update` AFTER UPDATE ON `indicator_contributors`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `indicator_contributors_reference_delete` AFTER DELETE ON `indicator_contributors`
BEGIN
  UPDATE `reference_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
