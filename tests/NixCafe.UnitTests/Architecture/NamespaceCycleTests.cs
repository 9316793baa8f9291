using System.Reflection;
using System.Reflection.Emit;

namespace NixCafe.UnitTests.Architecture;

/// <summary>
/// No namespace of a product assembly depends, through any chain, on a namespace that depends on
/// it: a folder can then be read, and changed, knowing only what it uses. The graph is built from
/// what the compiled types use: signatures, base types, attributes, and the members and types the
/// method bodies' IL names (constants are inlined by the compiler and leave no trace).
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> ProductAssemblies() =>
    [
        "NixCafe.Shared", "NixCafe.Tenants.Contracts", "NixCafe.Tenants", "NixCafe.Registers.Contracts", "NixCafe.Registers",
        "NixCafe.OdooSync", "NixCafe.Host",
    ];

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void No_namespace_depends_on_itself_through_others(string assemblyName)
    {
        var graph = NamespaceGraph.Of(Assembly.Load(assemblyName));
        var cycles = graph.Cycles();
        Assert.True(cycles.Count == 0, $"{assemblyName} has namespace cycles:\n{string.Join("\n", cycles.Select(graph.Describe))}");
    }

    [Fact]
    public void The_scan_sees_uses_inside_method_bodies()
    {
        // Sample.Caller uses Sample.Callee only in a method body; Sample.Callee uses Sample.Caller in a signature.
        var graph = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly);

        Assert.Contains(graph.Cycles(), cycle => cycle.SetEquals([typeof(Samples.Caller.UsesCalleeInItsBody).Namespace!, typeof(Samples.Callee.NamesCallerInItsSignature).Namespace!]));
    }

    /// <summary>The namespaces of one assembly and, for each edge, one use that makes it (for the failure message).</summary>
    private sealed class NamespaceGraph
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (OpCode)field.GetValue(null)!)
            .ToDictionary(code => code.Value);

        public Dictionary<(string From, string To), string> Edges { get; } = [];

        public static NamespaceGraph Of(Assembly assembly)
        {
            var graph = new NamespaceGraph();
            foreach (var type in assembly.GetTypes().Where(type => type.Namespace is not null))
            {
                foreach (var used in Uses(type))
                {
                    foreach (var target in Flatten(used).Where(target => target.Assembly == assembly && target.Namespace is not null && target.Namespace != type.Namespace))
                    {
                        graph.Edges.TryAdd((type.Namespace!, target.Namespace!), $"{type.FullName} uses {target.FullName}");
                    }
                }
            }

            return graph;
        }

        /// <summary>Strongly connected sets of two or more namespaces (Tarjan).</summary>
        public List<HashSet<string>> Cycles()
        {
            var next = Edges.Keys.GroupBy(edge => edge.From).ToDictionary(group => group.Key, group => group.Select(edge => edge.To).ToList());
            var index = new Dictionary<string, int>();
            var low = new Dictionary<string, int>();
            var stack = new Stack<string>();
            var cycles = new List<HashSet<string>>();

            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                foreach (var target in next.GetValueOrDefault(node) ?? [])
                {
                    if (!index.ContainsKey(target))
                    {
                        Visit(target);
                        low[node] = Math.Min(low[node], low[target]);
                    }
                    else if (stack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                }

                if (low[node] == index[node])
                {
                    var component = new HashSet<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1)
                    {
                        cycles.Add(component);
                    }
                }
            }

            foreach (var node in Edges.Keys.SelectMany(edge => new[] { edge.From, edge.To }).Distinct().Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(node))
                {
                    Visit(node);
                }
            }

            return cycles;
        }

        public string Describe(HashSet<string> cycle) =>
            $"  {string.Join(" <-> ", cycle.Order(StringComparer.Ordinal))}\n"
            + string.Join("\n", Edges.Where(edge => cycle.Contains(edge.Key.From) && cycle.Contains(edge.Key.To))
                .OrderBy(edge => edge.Key.From, StringComparer.Ordinal).ThenBy(edge => edge.Key.To, StringComparer.Ordinal)
                .Select(edge => $"    {edge.Key.From} -> {edge.Key.To}: {edge.Value}"));

        private static IEnumerable<Type> Uses(Type type)
        {
            if (type.BaseType is { } baseType)
            {
                yield return baseType;
            }

            foreach (var used in type.GetInterfaces().Concat(Attributes(type.CustomAttributes)))
            {
                yield return used;
            }

            foreach (var field in type.GetFields(Declared))
            {
                yield return field.FieldType;
                foreach (var used in Attributes(field.CustomAttributes))
                {
                    yield return used;
                }
            }

            foreach (var property in type.GetProperties(Declared))
            {
                yield return property.PropertyType;
                foreach (var used in Attributes(property.CustomAttributes))
                {
                    yield return used;
                }
            }

            foreach (var @event in type.GetEvents(Declared))
            {
                yield return @event.EventHandlerType!;
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                foreach (var used in Attributes(method.CustomAttributes)
                    .Concat(method.GetParameters().SelectMany(parameter => Attributes(parameter.CustomAttributes).Prepend(parameter.ParameterType))))
                {
                    yield return used;
                }

                if (method is MethodInfo { ReturnType: var returnType })
                {
                    yield return returnType;
                }

                foreach (var used in BodyUses(method))
                {
                    yield return used;
                }
            }
        }

        private static IEnumerable<Type> Attributes(IEnumerable<CustomAttributeData> attributes) =>
            attributes.SelectMany(attribute => attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(argument => argument.TypedValue))
                .Select(argument => argument.Value).OfType<Type>()
                .Prepend(attribute.AttributeType));

        /// <summary>The types and the declaring types of the members a method's IL names (calls, fields, casts, typeof).</summary>
        private static IEnumerable<Type> BodyUses(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                yield break;
            }

            var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var position = 0;
            while (position < il.Length)
            {
                short value = il[position++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[position++]);
                }

                var code = OpCodesByValue[value];
                var operandStart = position;
                position += code.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + (BitConverter.ToInt32(il, operandStart) * 4),
                    _ => 4,
                };

                if (code.OperandType is not (OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok))
                {
                    continue;
                }

                MemberInfo? member;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, operandStart), typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                switch (member)
                {
                    case Type used:
                        yield return used;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        if (called.IsGenericMethod)
                        {
                            foreach (var argument in called.GetGenericArguments())
                            {
                                yield return argument;
                            }
                        }

                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        break;
                }
            }
        }

        /// <summary>A type with its element type and generic arguments, which are uses too (<c>List&lt;Register&gt;</c> uses <c>Register</c>).</summary>
        private static IEnumerable<Type> Flatten(Type? type)
        {
            if (type is null || type.IsGenericParameter)
            {
                yield break;
            }

            if (type.HasElementType)
            {
                foreach (var element in Flatten(type.GetElementType()))
                {
                    yield return element;
                }

                yield break;
            }

            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
                {
                    yield return argument;
                }

                type = type.GetGenericTypeDefinition();
            }

            yield return type;
        }
    }
}
