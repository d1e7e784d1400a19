using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InvestigationConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IngestFileRollupSequences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastSeq",
                table: "IngestFiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RollupsThroughSeq",
                table: "IngestFiles",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastSeq",
                table: "IngestFiles");

            migrationBuilder.DropColumn(
                name: "RollupsThroughSeq",
                table: "IngestFiles");
        }
    }
}
