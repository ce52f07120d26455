using System.Collections;
using System.Reflection;
using System.Text;

namespace FollowUps.Accounts.Tests.Support;

/// <summary>
/// Every string an object holds, found by walking its fields (and array elements) by reflection, as far as
/// <c>maxDepth</c> fields deep: to search what a library keeps in memory for what it must not keep. Objects for which
/// <c>stop</c> is true are not entered (the host's own ports and vault, which hold the secrets on purpose).
/// </summary>
internal static class ObjectStrings
{
    public static IReadOnlyList<string> In(object root, Func<object, bool> stop, int maxDepth = 16)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, 0);
        return found;

        void Walk(object? value, int depth)
        {
            if (value is null || depth > maxDepth || value is Pointer || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                return;
            }

            switch (value)
            {
                case string text:
                    found.Add(text);
                    return;
                case byte[] bytes:
                    found.Add(Encoding.UTF8.GetString(bytes));
                    return;
                case char[] chars:
                    found.Add(new string(chars));
                    return;
                case Type or MemberInfo or Delegate or Assembly:
                    return;
            }

            if (!value.GetType().IsValueType && !seen.Add(value) || stop(value))
            {
                return;
            }

            if (value is Array array)
            {
                foreach (var element in (IEnumerable)array)
                {
                    Walk(element, depth + 1);
                }

                return;
            }

            for (var type = value.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                    {
                        Walk(field.GetValue(value), depth + 1);
                    }
                }
            }
        }
    }
}
