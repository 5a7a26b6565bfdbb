package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Field;
import dev.mmcheck.model.Instances;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel structures and enums the library and the scenario declare: each field of each
 * struct becomes a {@link Field} (a region of the state vector), each enumerator a constant.
 * Declarations of one struct in several places add up, so a scenario extends the library's
 * {@code struct mm_struct} by declaring {@code struct mm_struct { atomic_t my_count; };}.
 *
 * <p>A few fields are the machine's static topology rather than state: which mm a vma belongs
 * to, which file and index a page has. They are declared like any other field, read as one
 * and cost no state, and cannot be written (pages and vmas do not move in this machine yet).
 */
final class Structs {
    /** A field as the compiler sees it: its region (index into fields), or the topology primitive that reads it. */
    record Member(Field field, int region, Prim topology, int length) {}

    /** (struct, field) -> the primitive that reads a topology field. */
    private static final Map<String, Prim> TOPOLOGY = Map.of(
            "vm_area_struct.vm_mm", Prim.VMA_MM,
            "page.mapping", Prim.PAGE_MAPPING,
            "page.index", Prim.PAGE_INDEX);

    private final Map<String, Map<String, Member>> byStruct = new LinkedHashMap<>();
    final List<Field> fields = new ArrayList<>();
    final Map<String, Integer> constants = new LinkedHashMap<>();
    private final Map<String, Ast.EnumDecl> enumsByName = new LinkedHashMap<>();

    static final int MAX_ARRAY = 64, MAX_FIELDS = 256;

    Structs(List<Ast.StructDecl> structs, List<Ast.EnumDecl> enums) {
        for (Ast.EnumDecl e : enums) {
            if (e.name() != null && enumsByName.put(e.name(), e) != null) throw new MmtError(e.pos(), "enum " + e.name() + " is declared twice");
            int next = 0;
            for (Ast.Enumerator x : e.values()) {
                int v = x.value() != null ? x.value() : next;
                if (constants.put(x.name(), v) != null) throw new MmtError(x.pos(), "'" + x.name() + "' is declared twice");
                if (CTypes.ERRNO.containsKey(x.name())) throw new MmtError(x.pos(), "'" + x.name() + "' is an errno constant already");
                next = v + 1;
            }
        }
        for (Ast.StructDecl s : structs) {
            Instances inst = Instances.of(s.name());
            if (inst == null)
                throw new MmtError(s.pos(), "struct " + s.name() + ": the machine has no instances of it (it has struct "
                        + String.join(", struct ", java.util.Arrays.stream(Instances.values()).map(i -> i.struct).toList()) + ")");
            Map<String, Member> mine = byStruct.computeIfAbsent(s.name(), k -> new LinkedHashMap<>());
            for (Ast.FieldDecl f : s.fields()) {
                if (mine.containsKey(f.name())) throw new MmtError(f.pos(), "struct " + s.name() + " already has a field " + f.name());
                if (f.length() > MAX_ARRAY) throw new MmtError(f.pos(), "at most " + MAX_ARRAY + " elements in an array field");
                if (fields.size() >= MAX_FIELDS) throw new MmtError(f.pos(), "at most " + MAX_FIELDS + " fields in all structs");
                Field.Kind kind;
                Type type;
                String[] names = new String[0];
                String t = f.type();
                if (f.pointers() == 0 && (t.equals("spinlock_t") || t.equals("rwlock_t"))) { kind = Field.Kind.LOCK; type = Type.LOCK; }
                else if (f.pointers() == 0 && t.equals("atomic_t")) { kind = Field.Kind.COUNTER; type = Type.INT; }
                else {
                    type = fieldType(f);
                    kind = Field.Kind.VALUE;
                    if (f.flags() != null || f.values() != null) {
                        if (type != Type.INT) throw new MmtError(f.pos(), "only an integer field names its " + (f.flags() != null ? "bits" : "values") + " by an enum");
                        Ast.EnumDecl e = enumsByName.get(f.flags() != null ? f.flags() : f.values());
                        if (e == null) throw new MmtError(f.pos(), "no enum " + (f.flags() != null ? f.flags() : f.values()) + " (declare it before use, in any file)");
                        kind = f.flags() != null ? Field.Kind.FLAGS : Field.Kind.ENUM;
                        names = names(e, f);
                    }
                }
                Field fd = new Field(s.name(), f.name(), inst, Math.max(1, f.length()), kind, type, names);
                Prim topo = TOPOLOGY.get(s.name() + "." + f.name());
                if (topo != null) {
                    if (f.length() > 0 || topo.ret != type)
                        throw new MmtError(f.pos(), s.name() + "." + f.name() + " is the machine's topology, of type " + topo.ret + "; declare it so");
                    mine.put(f.name(), new Member(fd, -1, topo, 0));
                    continue;
                }
                mine.put(f.name(), new Member(fd, fields.size(), null, f.length()));
                fields.add(fd);
            }
        }
    }

    private String[] names(Ast.EnumDecl e, Ast.FieldDecl f) {
        int max = -1;
        for (Ast.Enumerator x : e.values()) max = Math.max(max, constants.get(x.name()));
        if (max >= 32 && f.flags() != null) throw new MmtError(f.pos(), "enum " + e.name() + " names bit " + max + "; a flag word has bits 0..31");
        if (max > 1024) throw new MmtError(f.pos(), "enum " + e.name() + " has values up to " + max + "; too many to name");
        String[] n = new String[max + 1];
        for (Ast.Enumerator x : e.values()) { int v = constants.get(x.name()); if (v >= 0 && n[v] == null) n[v] = x.name(); }
        return n;
    }

    private static Type fieldType(Ast.FieldDecl f) {
        try {
            return CTypes.declaredType(new Ast.Decl(f.type(), List.of(), f.pos()), new Ast.Declarator(f.name(), f.pointers(), null, f.pos()));
        } catch (MmtError e) {
            throw new MmtError(f.pos(), "field " + f.name() + ": " + e.getMessage());
        }
    }

    /** The field of the struct a pointer of type t points to, or null when t is no struct pointer or has no such field. */
    Member member(Type t, String field) {
        Instances i = Instances.of(t);
        if (i == null) return null;
        Map<String, Member> m = byStruct.get(i.struct);
        return m == null ? null : m.get(field);
    }

    /** The fields of the struct a pointer of type t points to, for an error message. */
    String fieldList(Type t) {
        Instances i = Instances.of(t);
        Map<String, Member> m = i == null ? null : byStruct.get(i.struct);
        return m == null || m.isEmpty() ? "it declares none" : "it has " + String.join(", ", m.keySet());
    }
}
