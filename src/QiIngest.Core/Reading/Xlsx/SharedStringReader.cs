using System.Xml;
using static QiIngest.Core.Reading.Xlsx.SpreadsheetXml;

namespace QiIngest.Core.Reading.Xlsx;

/// <summary>
/// The shared-strings part, read in step with the sheet: a cell's string is read when the cell asks for it, and only
/// the strings that a cell will still ask for are held. Excel writes shared strings in the order of their first use,
/// so of a long return's distinct notes none is held; a workbook written in another order holds what it must, up to
/// the table's memory budget, and never gives a wrong value.
/// </summary>
internal sealed class SharedStringReader : IDisposable
{
    private readonly string part;
    private readonly ByteBudgetStream? stream;
    private readonly XmlReader? reader;
    private readonly SharedStringTable table;
    private readonly SharedStringUses uses;
    private readonly char[] buffer = new char[4096];
    private bool ended;
    private bool drained;
    private int skippedAtEnd;
    private bool unexamined = true; // the reader is on a node NextItem has not looked at

    /// <param name="part">The part's name, for its errors.</param>
    /// <param name="stream">The part, charged to the package's byte budget.</param>
    /// <param name="table">Where the strings read are kept, within its memory budget.</param>
    /// <param name="uses">How often the sheet's cells use each string.</param>
    public SharedStringReader(string part, ByteBudgetStream stream, SharedStringTable table, SharedStringUses uses)
    {
        this.part = part;
        this.stream = stream;
        this.table = table;
        this.uses = uses;
        try
        {
            reader = XmlReader.Create(stream, SpreadsheetXml.Settings());
            // The prolog now: a DTD is refused before any row is read, as for every other part.
            reader.MoveToContent();
        }
        catch (Exception error) when (error is XmlException or InvalidDataException)
        {
            Dispose();
            throw PartError(part, error);
        }
    }

    private SharedStringReader()
    {
        part = string.Empty;
        table = SharedStringTable.Empty;
        uses = new SharedStringUses(0);
        ended = true;
    }

    /// <summary>A workbook without a shared-strings part.</summary>
    public static SharedStringReader None => new();

    /// <summary>How many strings have been read: all the part's once a cell asked for one past its last, or after <see cref="ReadToEnd"/>.</summary>
    public int Count => table.Count + skippedAtEnd;

    /// <summary>The strings read, held or not (for tests: what is held, and its memory).</summary>
    public SharedStringTable Table => table;

    /// <summary>
    /// Reads on to the string at <paramref name="index"/>, holding on the way each string a cell uses (its use is
    /// still to come); the string itself is held if more than one cell uses it. False when the part has fewer strings.
    /// </summary>
    public bool TryReach(int index)
    {
        if (table.CanDecode(index))
        {
            return true;
        }

        if (index < table.Count)
        {
            table.ThrowIfDropped(index);
        }

        try
        {
            while (table.Count <= index && !ended)
            {
                if (!NextItem())
                {
                    ended = true;
                    break;
                }

                var at = table.Count;
                if (at != index && !uses.IsUsed(at))
                {
                    // No cell uses it: not even decoded.
                    reader!.Skip();
                    unexamined = true;
                    table.SkipString();
                    continue;
                }

                CellValues.ReadRichText(reader!, table, buffer, held: at != index || uses.IsUsedTwice(at));
            }
        }
        catch (Exception error) when (error is XmlException or InvalidDataException)
        {
            throw PartError(part, error);
        }

        return index < table.Count;
    }

    /// <summary>
    /// Reads the rest of the part, holding and decoding nothing: it must be well-formed, its bytes count toward the
    /// limit, and <see cref="Count"/> is then the part's.
    /// </summary>
    public void ReadToEnd()
    {
        if (reader is null || drained)
        {
            return;
        }

        try
        {
            while (!ended && NextItem())
            {
                skippedAtEnd++;
                reader.Skip();
                unexamined = true;
            }

            while (reader.Read())
            {
            }

            stream!.CopyTo(Stream.Null);
            ended = drained = true;
        }
        catch (Exception error) when (error is XmlException or InvalidDataException)
        {
            throw PartError(part, error);
        }
    }

    public void Dispose()
    {
        reader?.Dispose();
        stream?.Dispose();
    }

    /// <summary>Moves to the next <c>si</c> element, as the whole-part reading found them.</summary>
    private bool NextItem()
    {
        if (unexamined)
        {
            unexamined = false;
            if (IsMain(reader!, "si"))
            {
                return true;
            }
        }

        while (reader!.Read())
        {
            if (IsMain(reader, "si"))
            {
                return true;
            }
        }

        return false;
    }
}
