using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountReviews",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DismissalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DismissedAtScore = table.Column<double>(type: "REAL", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountReviews", x => x.AccountKey);
                    table.ForeignKey(
                        name: "FK_AccountReviews_Accounts_AccountKey",
                        column: x => x.AccountKey,
                        principalTable: "Accounts",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedQueueViews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FilterJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedQueueViews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountReviews_ClaimedBy_ClaimExpiresAt",
                table: "AccountReviews",
                columns: new[] { "ClaimedBy", "ClaimExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedQueueViews_Owner_Name",
                table: "SavedQueueViews",
                columns: new[] { "Owner", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountReviews");

            migrationBuilder.DropTable(
                name: "SavedQueueViews");
        }
    }
}
