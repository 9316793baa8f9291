using System.Text;
using Microsoft.EntityFrameworkCore;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// The database NixCafe takes over names columns in snake_case: map every property that has no
/// explicit column name to the snake_case of its name, so configurations only name the exceptions.
/// </summary>
public static class SnakeCaseColumns
{
    public static void ApplySnakeCaseColumns(this ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetProperties()))
        {
            if (property.GetColumnName() == property.Name)
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(name[i]));
        }

        return snake.ToString();
    }
}
