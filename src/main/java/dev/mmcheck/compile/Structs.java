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
 * to and where it starts and ends, which file and index a page has. They are declared like any
 * other field, read as one and cost no state, and cannot be written (pages and vmas do not
 * move in this machine yet).
 */
final class Structs {
    /** A field as the compiler sees it: its region (index into fields), or the topology primitive that reads it. */
    record Member(Field field, int region, Prim topology, int length) {}

    /** (struct, field) -> the primitive that reads a topology field. */
    private static final Map<String, Prim> TOPOLOGY = Map.of(
            "vm_area_struct.vm_mm", Prim.VMA_MM,
            "vm_area_struct.vm_flags", Prim.VMA_FLAGS,
            "vm_area_struct.vm_start", Prim.VMA_START,
            "vm_area_struct.vm_end", Prim.VMA_END,
            "page.mapping", Prim.PAGE_MAPPING,
            "page.index", Prim.PAGE_INDEX);

    /**
     * Kernel fields whose value the kernel derives from what the machine does not keep (yet):
     * declared as state they would start at 0 and stay there, and code testing them would take
     * a path the kernel never takes. So they are refused, each with what stands in for it.
     */
    private static final Map<String, String> NOT_KEPT = Map.ofEntries(
            Map.entry("vm_area_struct.vm_pgoff", "vma_address(page, vma) maps file pages to addresses"),
            Map.entry("vm_area_struct.vm_file", "vma_file(vma) is the mapped file's address_space"),
            Map.entry("vm_area_struct.vm_page_prot", "vm_page_prot(vma) in lib/linux/mm/mmap.mmt computes it per release"),
            Map.entry("vm_area_struct.vm_next", "mm_vma(mm, i) lists an mm's vmas"),
            Map.entry("page.private", "page_buffer(page, i) gives a page's buffers"),
            Map.entry("page.lru", "there is no LRU"),
            Map.entry("page.ptl", "the PTE lock is mm->ptl (lib/linux/include/linux/mm_types.mmt)"),
            Map.entry("buffer_head.b_page", "each buffer belongs to its page (page_buffer(page, i))"),
            Map.entry("buffer_head.b_this_page", "page_buffer(page, i) walks a page's buffers"),
            Map.entry("buffer_head.b_blocknr", "each buffer has its own disk block"),
            Map.entry("buffer_head.b_count", "buffer refcounts are not modelled"),
            Map.entry("buffer_head.b_private", "the journal_head's b_transaction is bh->b_transaction"),
            Map.entry("mm_struct.mm_count", "mm lifetimes are not modelled yet"),
            Map.entry("mm_struct.mmap", "mm_vma(mm, i) lists an mm's vmas"),
            Map.entry("mm_struct.map_count", "mm_nr_vmas(mm) counts an mm's vmas"),
            Map.entry("address_space.nrpages", "file_nr_pages(mapping) counts a file's pages"),
            Map.entry("address_space.i_mmap", "file_vma(mapping, i) walks the file's vmas"));

    /** Names the language gives a meaning already: an enumerator may not take them. */
    private static final java.util.Set<String> BUILTIN = java.util.Set.of("READ", "WRITE", "TLB_FLUSH_ALL", "HW_FAULTED",
            "true", "false", "NULL");

    private final Map<String, Map<String, Member>> byStruct = new LinkedHashMap<>();
    final List<Field> fields = new ArrayList<>();
    final Map<String, Integer> constants = new LinkedHashMap<>();
    private final Map<String, Ast.EnumDecl> enumsByName = new LinkedHashMap<>();

    static final int MAX_ARRAY = 64, MAX_FIELDS = 256;

    /**
     * Whether vma->vm_flags is state rather than topology: when some code writes it (mprotect).
     * Otherwise it is the map line's, constant, and reading a constant needs no step.
     */
    final boolean vmFlagsState;

    Structs(List<Ast.StructDecl> structs, List<Ast.EnumDecl> enums) { this(structs, enums, false); }

    Structs(List<Ast.StructDecl> structs, List<Ast.EnumDecl> enums, boolean vmFlagsState) {
        this.vmFlagsState = vmFlagsState;
        for (Ast.EnumDecl e : enums) {
            if (e.name() != null && enumsByName.put(e.name(), e) != null) throw new MmtError(e.pos(), "enum " + e.name() + " is declared twice");
            int next = 0;
            for (Ast.Enumerator x : e.values()) {
                int v = x.value() != null ? x.value() : next;
                if (constants.put(x.name(), v) != null) throw new MmtError(x.pos(), "'" + x.name() + "' is declared twice");
                if (CTypes.ERRNO.containsKey(x.name())) throw new MmtError(x.pos(), "'" + x.name() + "' is an errno constant already");
                if (BUILTIN.contains(x.name())) throw new MmtError(x.pos(), "'" + x.name() + "' has a meaning in the language already");
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
                String notKept = NOT_KEPT.get(s.name() + "." + f.name());
                if (notKept != null)
                    throw new MmtError(f.pos(), s.name() + "->" + f.name() + " is the kernel's, and the machine does not keep what sets it: "
                            + "declared here it would stay 0 (" + notKept + ")");
                if (f.length() > MAX_ARRAY) throw new MmtError(f.pos(), "at most " + MAX_ARRAY + " elements in an array field");
                if (fields.size() >= MAX_FIELDS) throw new MmtError(f.pos(), "at most " + MAX_FIELDS + " fields in all structs");
                Field.Kind kind;
                Type type;
                String[] names = new String[0];
                String t = f.type();
                if (f.pointers() == 0 && (t.equals("spinlock_t") || t.equals("rwlock_t"))) { kind = Field.Kind.LOCK; type = Type.LOCK; }
                else if (f.pointers() == 0 && t.equals("struct rw_semaphore")) { kind = Field.Kind.RWSEM; type = Type.LOCK; }
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
                if (kind == Field.Kind.RWSEM && f.length() > 0) throw new MmtError(f.pos(), "an array of rw_semaphores is not modelled");
                // An rw_semaphore is two words (machine/Rwsem.java: holders, queue); it reads as one field.
                Field fd = new Field(s.name(), f.name(), inst, kind == Field.Kind.RWSEM ? 2 : Math.max(1, f.length()), kind, type, names);
                Prim topo = TOPOLOGY.get(s.name() + "." + f.name());
                if (topo == Prim.VMA_FLAGS && vmFlagsState) topo = null;   // a field like any other: the machine sets it up from the map line
                if (topo != null) {
                    if (f.length() > 0 || topo.ret != type)
                        throw new MmtError(f.pos(), s.name() + "." + f.name() + " is the machine's topology, of type " + topo.ret + "; declare it so");
                    for (String c : topo == Prim.VMA_FLAGS ? List.of("VM_READ", "VM_WRITE", "VM_SHARED") : List.<String>of())
                        if (!constants.containsKey(c)) throw new MmtError(f.pos(), s.name() + "." + f.name() + " needs the constant " + c + " (include/linux/mm.mmt)");
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
