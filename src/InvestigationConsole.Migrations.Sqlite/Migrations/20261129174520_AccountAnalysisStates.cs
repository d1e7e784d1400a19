using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountAnalysisStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountAnalysisStates",
                columns: table => new
                {
                    AccountKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<long>(type: "INTEGER", nullable: false),
                    ThroughSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountAnalysisStates", x => x.AccountKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountAnalysisStates");
        }
    }
}
