/**
 * Backup and restore of local-mode data: one zip of the data directory (database file, uploads, registered models,
 * the admin password hash) with a SHA-256 per entry, made while the console runs (database writes pause for the copy)
 * or offline, and restored into a fresh data directory by a command. aws mode keeps its data in DynamoDB and S3 and
 * uses AWS's own backups.
 */
@NullMarked
package com.poseops.platform.backup;

import org.jspecify.annotations.NullMarked;
