IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [SubjectType] nvarchar(64) NOT NULL,
        [SubjectId] nvarchar(128) NOT NULL,
        [Details] nvarchar(4000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_SubjectType_SubjectId] ON [AuditEntries] ([SubjectType], [SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128120837_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128120837_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [AccountActivityHours] (
        [AccountKey] int NOT NULL,
        [Hour] int NOT NULL,
        [ModelId] int NOT NULL,
        [Requests] int NOT NULL,
        [InputTokens] bigint NOT NULL,
        [OutputTokens] bigint NOT NULL,
        [ToolRequests] int NOT NULL,
        [ErrorRequests] int NOT NULL,
        [IpBits] bigint NOT NULL,
        CONSTRAINT [PK_AccountActivityHours] PRIMARY KEY ([AccountKey], [Hour], [ModelId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [AccountAddresses] (
        [AccountKey] int NOT NULL,
        [Ip] nvarchar(45) NOT NULL,
        [IpPrefix] nvarchar(49) NOT NULL,
        [Requests] bigint NOT NULL,
        [FirstSeenAt] datetimeoffset NOT NULL,
        [LastSeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AccountAddresses] PRIMARY KEY ([AccountKey], [Ip])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [Accounts] (
        [Key] int NOT NULL,
        [AccountId] nvarchar(64) NOT NULL,
        [IsPlaceholder] bit NOT NULL,
        [OrgId] nvarchar(64) NULL,
        [CreatedAt] datetimeoffset NULL,
        [EmailDomain] nvarchar(253) NULL,
        [EmailLocalSha256] nvarchar(64) NULL,
        [PaymentFingerprint] nvarchar(128) NULL,
        [BillingCountry] nvarchar(2) NULL,
        [SignupIp] nvarchar(45) NULL,
        [SignupPrefix] nvarchar(49) NULL,
        [Verification] int NOT NULL,
        [Tier] int NOT NULL,
        [RegistryUpdatedAt] datetimeoffset NULL,
        [RequestCount] bigint NOT NULL,
        [PromptsSeen] bigint NOT NULL,
        [FirstRequestAt] datetimeoffset NULL,
        [LastRequestAt] datetimeoffset NULL,
        CONSTRAINT [PK_Accounts] PRIMARY KEY ([Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [IngestFiles] (
        [Id] bigint NOT NULL IDENTITY,
        [FileName] nvarchar(260) NOT NULL,
        [Path] nvarchar(1024) NOT NULL,
        [SizeBytes] bigint NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [Stream] int NOT NULL,
        [Status] int NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [LinesRead] bigint NOT NULL,
        [Accepted] bigint NOT NULL,
        [Duplicates] bigint NOT NULL,
        [Rejected] bigint NOT NULL,
        [CheckpointLine] bigint NOT NULL,
        [QueuedAt] datetimeoffset NOT NULL,
        [StartedAt] datetimeoffset NULL,
        [CompletedAt] datetimeoffset NULL,
        [Error] nvarchar(4000) NULL,
        CONSTRAINT [PK_IngestFiles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [LookupValues] (
        [Id] int NOT NULL,
        [Kind] int NOT NULL,
        [Value] nvarchar(512) NOT NULL,
        [FirstSeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LookupValues] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [PromptSamples] (
        [AccountKey] int NOT NULL,
        [Slot] int NOT NULL,
        [RequestId] nvarchar(64) NOT NULL,
        [Timestamp] datetimeoffset NOT NULL,
        [ModelId] int NOT NULL,
        [Traits] int NOT NULL,
        [Prompt] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_PromptSamples] PRIMARY KEY ([AccountKey], [Slot])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [QuarantinedLines] (
        [Id] bigint NOT NULL IDENTITY,
        [FileId] bigint NOT NULL,
        [LineNumber] bigint NOT NULL,
        [Reason] nvarchar(32) NOT NULL,
        [Field] nvarchar(64) NULL,
        [Message] nvarchar(512) NOT NULL,
        [RawText] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_QuarantinedLines] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE TABLE [Requests] (
        [Id] bigint NOT NULL,
        [RequestId] nvarchar(64) NOT NULL,
        [AccountKey] int NOT NULL,
        [Timestamp] datetimeoffset NOT NULL,
        [ApiKeyId] nvarchar(64) NULL,
        [Ip] nvarchar(45) NOT NULL,
        [IpPrefix] nvarchar(49) NOT NULL,
        [UserAgentId] int NULL,
        [ModelId] int NOT NULL,
        [EndpointId] int NULL,
        [InputTokens] bigint NOT NULL,
        [OutputTokens] bigint NOT NULL,
        [LatencyMs] bigint NULL,
        [Status] int NOT NULL,
        [ToolCount] int NULL,
        [Turns] int NULL,
        [SystemPromptHash] bigint NULL,
        [PromptLength] int NOT NULL,
        [Traits] int NOT NULL,
        [Sketch] varbinary(32) NULL,
        CONSTRAINT [PK_Requests] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_AccountActivityHours_Hour] ON [AccountActivityHours] ([Hour]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_AccountAddresses_Ip] ON [AccountAddresses] ([Ip]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_AccountAddresses_IpPrefix] ON [AccountAddresses] ([IpPrefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Accounts_AccountId] ON [Accounts] ([AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_Accounts_OrgId] ON [Accounts] ([OrgId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_Accounts_PaymentFingerprint] ON [Accounts] ([PaymentFingerprint]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_Accounts_SignupPrefix] ON [Accounts] ([SignupPrefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IngestFiles_Sha256] ON [IngestFiles] ([Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_IngestFiles_Status] ON [IngestFiles] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LookupValues_Kind_Value] ON [LookupValues] ([Kind], [Value]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_PromptSamples_Timestamp] ON [PromptSamples] ([Timestamp]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE UNIQUE INDEX [IX_QuarantinedLines_FileId_LineNumber] ON [QuarantinedLines] ([FileId], [LineNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_QuarantinedLines_Reason] ON [QuarantinedLines] ([Reason]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    CREATE INDEX [IX_Requests_AccountKey_Timestamp] ON [Requests] ([AccountKey], [Timestamp]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128130046_Ingestion'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128130046_Ingestion', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [AccountAnalyses] (
        [AccountKey] int NOT NULL,
        [Stamp] bigint NOT NULL,
        [Basis] bigint NOT NULL,
        [Data] varbinary(max) NOT NULL,
        CONSTRAINT [PK_AccountAnalyses] PRIMARY KEY ([AccountKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [AccountRiskScores] (
        [AccountKey] int NOT NULL,
        [Score] float NOT NULL,
        [Flagged] bit NOT NULL,
        [ScoreBeforeCluster] float NOT NULL,
        [ClusterId] nvarchar(80) NULL,
        [TopSignals] nvarchar(400) NOT NULL,
        [SignalsJson] nvarchar(max) NOT NULL,
        [CorroboratingFamilies] nvarchar(100) NOT NULL,
        [ComputedAt] datetimeoffset NOT NULL,
        [RunId] bigint NOT NULL,
        [FirstFlaggedAt] datetimeoffset NULL,
        CONSTRAINT [PK_AccountRiskScores] PRIMARY KEY ([AccountKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [AccountScoreChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [AccountKey] int NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Score] float NOT NULL,
        [Flagged] bit NOT NULL,
        [RunId] bigint NOT NULL,
        [Reason] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_AccountScoreChanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [ClusterLinks] (
        [Id] bigint NOT NULL IDENTITY,
        [AccountKey] int NOT NULL,
        [OtherAccountKey] int NOT NULL,
        [Weight] float NOT NULL,
        [IsStrong] bit NOT NULL,
        [EvidenceJson] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_ClusterLinks] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [ClusterMembers] (
        [AccountKey] int NOT NULL,
        [ClusterId] nvarchar(80) NOT NULL,
        CONSTRAINT [PK_ClusterMembers] PRIMARY KEY ([AccountKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [Clusters] (
        [Id] nvarchar(80) NOT NULL,
        [Risk] float NOT NULL,
        [Size] int NOT NULL,
        [IsCampaign] bit NOT NULL,
        [DominantLinkTypes] nvarchar(400) NOT NULL,
        [SharedAttributesJson] nvarchar(4000) NOT NULL,
        [Description] nvarchar(1000) NOT NULL,
        [FirstActivityAt] datetimeoffset NULL,
        [LastActivityAt] datetimeoffset NULL,
        [RunId] bigint NOT NULL,
        CONSTRAINT [PK_Clusters] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [DetectionRuns] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] int NOT NULL,
        [Trigger] nvarchar(128) NOT NULL,
        [Status] int NOT NULL,
        [QueuedAt] datetimeoffset NOT NULL,
        [StartedAt] datetimeoffset NULL,
        [FinishedAt] datetimeoffset NULL,
        [AccountsTotal] int NOT NULL,
        [AccountsAnalysed] int NOT NULL,
        [AccountsFlagged] int NOT NULL,
        [Clusters] int NOT NULL,
        [CampaignClusters] int NOT NULL,
        [ScoreChanges] int NOT NULL,
        [RequestsRead] bigint NOT NULL,
        [Error] nvarchar(4000) NULL,
        [PhaseTimingsJson] nvarchar(1000) NULL,
        [SettingsVersionId] bigint NULL,
        CONSTRAINT [PK_DetectionRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE TABLE [DetectionSettingsVersions] (
        [Id] bigint NOT NULL IDENTITY,
        [Json] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [Note] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_DetectionSettingsVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_AccountRiskScores_ClusterId] ON [AccountRiskScores] ([ClusterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_AccountRiskScores_Flagged_Score] ON [AccountRiskScores] ([Flagged], [Score] DESC);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_AccountScoreChanges_AccountKey_At] ON [AccountScoreChanges] ([AccountKey], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_AccountScoreChanges_RunId] ON [AccountScoreChanges] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_ClusterLinks_AccountKey_Weight] ON [ClusterLinks] ([AccountKey], [Weight]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_ClusterLinks_OtherAccountKey_Weight] ON [ClusterLinks] ([OtherAccountKey], [Weight]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_ClusterMembers_ClusterId] ON [ClusterMembers] ([ClusterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_Clusters_IsCampaign_Risk] ON [Clusters] ([IsCampaign], [Risk] DESC);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    CREATE INDEX [IX_DetectionRuns_Status] ON [DetectionRuns] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022059_Detection'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129022059_Detection', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022738_Triage'
)
BEGIN
    CREATE TABLE [AccountReviews] (
        [AccountKey] int NOT NULL,
        [ClaimedBy] nvarchar(256) NULL,
        [ClaimedAt] datetimeoffset NULL,
        [ClaimExpiresAt] datetimeoffset NULL,
        [AssignedBy] nvarchar(256) NULL,
        [DismissedBy] nvarchar(256) NULL,
        [DismissedAt] datetimeoffset NULL,
        [DismissalReason] nvarchar(2000) NULL,
        [DismissedAtScore] float NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_AccountReviews] PRIMARY KEY ([AccountKey]),
        CONSTRAINT [FK_AccountReviews_Accounts_AccountKey] FOREIGN KEY ([AccountKey]) REFERENCES [Accounts] ([Key]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022738_Triage'
)
BEGIN
    CREATE TABLE [SavedQueueViews] (
        [Id] int NOT NULL IDENTITY,
        [Owner] nvarchar(256) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [FilterJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_SavedQueueViews] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022738_Triage'
)
BEGIN
    CREATE INDEX [IX_AccountReviews_ClaimedBy_ClaimExpiresAt] ON [AccountReviews] ([ClaimedBy], [ClaimExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022738_Triage'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SavedQueueViews_Owner_Name] ON [SavedQueueViews] ([Owner], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129022738_Triage'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129022738_Triage', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    ALTER TABLE [Requests] DROP CONSTRAINT [PK_Requests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    DROP INDEX [IX_Requests_AccountKey_Timestamp] ON [Requests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    EXEC sp_rename N'[Requests].[Id]', N'Key', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    ALTER TABLE [Requests] ADD [Seq] bigint NOT NULL IDENTITY;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    ALTER TABLE [Requests] ADD [Day] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    ALTER TABLE [Requests] ADD CONSTRAINT [PK_Requests] PRIMARY KEY ([Seq]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    CREATE INDEX [IX_Requests_Day_AccountKey_Timestamp] ON [Requests] ([Day], [AccountKey], [Timestamp]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    UPDATE [Requests] SET [Day] = DATEDIFF(day, CAST('1970-01-01' AS date), CONVERT(date, SWITCHOFFSET([Timestamp], '+00:00')));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129053046_RequestsInArrivalOrder'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129053046_RequestsInArrivalOrder', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129062929_HoneypotCanaries'
)
BEGIN
    CREATE TABLE [HoneypotCanaries] (
        [Id] int NOT NULL IDENTITY,
        [Text] nvarchar(400) NOT NULL,
        [Note] nvarchar(500) NOT NULL,
        [AddedBy] nvarchar(256) NOT NULL,
        [AddedAt] datetimeoffset NOT NULL,
        [RetiredBy] nvarchar(256) NULL,
        [RetiredAt] datetimeoffset NULL,
        CONSTRAINT [PK_HoneypotCanaries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129062929_HoneypotCanaries'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129062929_HoneypotCanaries', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129064109_CoveringIndexesForPages'
)
BEGIN
    DROP INDEX [IX_AccountRiskScores_Flagged_Score] ON [AccountRiskScores];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129064109_CoveringIndexesForPages'
)
BEGIN
    DROP INDEX [IX_AccountAddresses_IpPrefix] ON [AccountAddresses];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129064109_CoveringIndexesForPages'
)
BEGIN
    CREATE INDEX [IX_AccountRiskScores_Flagged_Score_FirstFlaggedAt] ON [AccountRiskScores] ([Flagged], [Score] DESC, [FirstFlaggedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129064109_CoveringIndexesForPages'
)
BEGIN
    CREATE INDEX [IX_AccountAddresses_IpPrefix_AccountKey] ON [AccountAddresses] ([IpPrefix], [AccountKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129064109_CoveringIndexesForPages'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129064109_CoveringIndexesForPages', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129091626_IngestFileRollupSequences'
)
BEGIN
    ALTER TABLE [IngestFiles] ADD [LastSeq] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129091626_IngestFileRollupSequences'
)
BEGIN
    ALTER TABLE [IngestFiles] ADD [RollupsThroughSeq] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129091626_IngestFileRollupSequences'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129091626_IngestFileRollupSequences', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129120524_ScoreContentHash'
)
BEGIN
    ALTER TABLE [AccountRiskScores] ADD [ContentHash] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129120524_ScoreContentHash'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129120524_ScoreContentHash', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129174546_AccountAnalysisStates'
)
BEGIN
    CREATE TABLE [AccountAnalysisStates] (
        [AccountKey] int NOT NULL,
        [Basis] bigint NOT NULL,
        [ThroughSeq] bigint NOT NULL,
        [Data] varbinary(max) NOT NULL,
        CONSTRAINT [PK_AccountAnalysisStates] PRIMARY KEY ([AccountKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129174546_AccountAnalysisStates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129174546_AccountAnalysisStates', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024010_IngestIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_PromptSamples_Timestamp] ON [PromptSamples];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024010_IngestIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_AccountAddresses_Ip] ON [AccountAddresses];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024010_IngestIndexesTrimmed'
)
BEGIN
    DROP INDEX [IX_AccountAddresses_IpPrefix_AccountKey] ON [AccountAddresses];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024010_IngestIndexesTrimmed'
)
BEGIN
    CREATE INDEX [IX_AccountAddresses_IpPrefix_Ip_AccountKey] ON [AccountAddresses] ([IpPrefix], [Ip], [AccountKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201024010_IngestIndexesTrimmed'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201024010_IngestIndexesTrimmed', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042626_RollupTiers'
)
BEGIN
    DROP INDEX [IX_AccountActivityHours_Hour] ON [AccountActivityHours];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042626_RollupTiers'
)
BEGIN
    CREATE TABLE [AccountActivityHoursRecent] (
        [AccountKey] int NOT NULL,
        [Hour] int NOT NULL,
        [ModelId] int NOT NULL,
        [Requests] int NOT NULL,
        [InputTokens] bigint NOT NULL,
        [OutputTokens] bigint NOT NULL,
        [ToolRequests] int NOT NULL,
        [ErrorRequests] int NOT NULL,
        [IpBits] bigint NOT NULL,
        CONSTRAINT [PK_AccountActivityHoursRecent] PRIMARY KEY ([AccountKey], [Hour], [ModelId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042626_RollupTiers'
)
BEGIN
    CREATE TABLE [AccountAddressesRecent] (
        [AccountKey] int NOT NULL,
        [Ip] nvarchar(45) NOT NULL,
        [IpPrefix] nvarchar(49) NOT NULL,
        [Requests] bigint NOT NULL,
        [FirstSeenAt] datetimeoffset NOT NULL,
        [LastSeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AccountAddressesRecent] PRIMARY KEY ([AccountKey], [Ip])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042626_RollupTiers'
)
BEGIN
    CREATE INDEX [IX_AccountAddressesRecent_IpPrefix_Ip_AccountKey] ON [AccountAddressesRecent] ([IpPrefix], [Ip], [AccountKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042626_RollupTiers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201042626_RollupTiers', N'10.0.15');
END;

COMMIT;
GO

