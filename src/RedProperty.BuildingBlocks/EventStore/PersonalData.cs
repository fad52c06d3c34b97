using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.Extensions.Caching.Memory;

namespace RedProperty.BuildingBlocks.EventStore;

/// <summary>
/// One person's key. Their personal fields in the events are sealed under it, and it is kept outside
/// the events, in its own table. Deleting it makes every copy of those events unreadable, whether live,
/// in a replica or in a backup of the log. This is crypto-shredding.
/// </summary>
public sealed record PersonalDataKey(Guid Id, byte[] Key, DateTimeOffset CreatedAt);

/// <summary>
/// Recorded in the person's own stream when their personal data is erased (PIPL art. 47). Read models
/// show the fields as <see cref="PersonalData.Erased"/> from it, and a rebuild applies it again.
/// </summary>
public sealed record PersonalDataErased(Guid SubjectId, string By, DateTimeOffset ErasedAt);

/// <summary>
/// Sealing personal fields in events and erasing them on request. A field is sealed with AES-256-GCM
/// under its subject's key, with the subject's id as associated data, so a value copied to another
/// subject does not open. A projection opens the value when it builds its read model. Erasure deletes
/// the key and records <see cref="PersonalDataErased"/>. It then overwrites, through Marten's masking
/// rules, what events written before sealing hold in plain text.
/// </summary>
public static class PersonalData
{
    /// <summary>What an erased field reads as, in the read models and in rewritten events.</summary>
    public const string Erased = "[erased]";

    private const string Prefix = "pd1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Keys this process read, per store (tests host several services in one process). Bounded: a city's complainants
    // alone are hundreds of thousands of subjects a year.
    private static readonly ConditionalWeakTable<IDocumentStore, MemoryCache> Caches = [];

    // Keys this process made, per store, until long after their transaction ended. The projection that opens a new
    // subject's fields runs before the commit, when the key is not in the table yet. So these are kept apart from the
    // bounded cache, which may refuse or evict an entry under pressure.
    private static readonly ConditionalWeakTable<IDocumentStore, MemoryCache> Made = [];

    private static readonly MemoryCacheEntryOptions Entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    private static readonly MemoryCacheEntryOptions MadeEntry = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };

    /// <summary>Whether <paramref name="value"/> is a sealed field (not plain text from before sealing, not erased).</summary>
    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// A new subject's key, inserted with <paramref name="session"/>. It commits in the same transaction as
    /// the events it seals.
    /// </summary>
    public static Sealer NewSubject(IDocumentSession session, Guid subject, DateTimeOffset now)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        session.Insert(new PersonalDataKey(subject, key, now));
        Made.GetValue(session.DocumentStore, _ => new MemoryCache(new MemoryCacheOptions())).Set(subject, key, MadeEntry);
        return new Sealer(subject, key);
    }

    /// <summary>
    /// Reads the keys of <paramref name="subjects"/> this process does not hold yet in one query, so a projection that
    /// opens a batch's fields (a rebuild: hundreds of complainants a page) does not ask for each key on its own.
    /// </summary>
    public static async Task PrefetchAsync(IQuerySession session, IEnumerable<Guid> subjects, CancellationToken cancellationToken)
    {
        var cache = Cache(session.DocumentStore);
        Made.TryGetValue(session.DocumentStore, out var made);
        var missing = subjects.Where(s => !cache.TryGetValue(s, out _) && made?.TryGetValue(s, out _) != true).Distinct().ToArray();
        if (missing.Length < 2)
        {
            return; // one key is read as soon when it is needed
        }

        foreach (var key in await session.LoadManyAsync<PersonalDataKey>(cancellationToken, missing))
        {
            cache.Set(key.Id, key.Key, Entry);
        }
    }

    /// <summary>What the subject's sealed fields say, or <see cref="Erased"/> once their key is gone.</summary>
    public static async ValueTask<Unsealer> UnsealerAsync(IQuerySession session, Guid subject, CancellationToken cancellationToken = default)
    {
        var cache = Cache(session.DocumentStore);
        if (!cache.TryGetValue(subject, out byte[]? key) && !(Made.TryGetValue(session.DocumentStore, out var made) && made.TryGetValue(subject, out key)))
        {
            key = (await session.LoadAsync<PersonalDataKey>(subject, cancellationToken))?.Key;
            if (key is not null)
            {
                cache.Set(subject, key, Entry);
            }
        }

        return new Unsealer(subject, key);
    }

    /// <summary>One sealed field opened (see <see cref="UnsealerAsync"/>).</summary>
    public static async ValueTask<string?> UnsealAsync(IQuerySession session, Guid subject, string? value, CancellationToken cancellationToken = default) =>
        IsSealed(value) ? (await UnsealerAsync(session, subject, cancellationToken)).Unseal(value) : value;

    /// <summary>
    /// Erase the subject's personal data: <see cref="StageErasureAsync"/>, commit, then <see cref="MaskAsync"/>.
    /// </summary>
    public static async Task EraseAsync(IDocumentSession session, Guid subject, Guid streamId, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await StageErasureAsync(session, subject, streamId, by, now, cancellationToken);
        await session.SaveChangesAsync(cancellationToken);
        await MaskAsync(session.DocumentStore, streamId, cancellationToken);
    }

    /// <summary>
    /// Stage the erasure in <paramref name="session"/>: delete the subject's key (if the service sealed
    /// anything under it) and record <see cref="PersonalDataErased"/> in <paramref name="streamId"/>, in the
    /// same transaction.
    /// </summary>
    public static async Task StageErasureAsync(IDocumentSession session, Guid subject, Guid streamId, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        session.Delete<PersonalDataKey>(subject);
        await session.AppendAtCurrentVersionAsync(streamId, cancellationToken, new PersonalDataErased(subject, by, now));
        Cache(session.DocumentStore).Remove(subject);
        if (Made.TryGetValue(session.DocumentStore, out var made))
        {
            made.Remove(subject);
        }
    }

    /// <summary>
    /// After the erasure commits: overwrite, through the service's masking rules, what the stream's events
    /// hold in plain text (events written before sealing, or copies of another service's data).
    /// <paramref name="include"/> picks the events when the stream is shared, such as a committee's. It can
    /// run again without harm.
    /// </summary>
    public static Task MaskAsync(IDocumentStore store, Guid streamId, CancellationToken cancellationToken, Func<JasperFx.Events.IEvent, bool>? include = null) =>
        store.Advanced.ApplyEventDataMasking(
            masking =>
            {
                if (include is null)
                {
                    masking.IncludeStream(streamId);
                }
                else
                {
                    masking.IncludeStream(streamId, include);
                }
            },
            cancellationToken);

    private static MemoryCache Cache(IDocumentStore store) =>
        Caches.GetValue(store, _ => new MemoryCache(new MemoryCacheOptions { SizeLimit = 100_000 }));

    /// <summary>Seals fields of one subject.</summary>
    public sealed class Sealer(Guid subject, byte[] key)
    {
        public Guid Subject => subject;

        public string? Seal(string? value)
        {
            if (value is null)
            {
                return null;
            }

            var plain = Encoding.UTF8.GetBytes(value);
            var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
            var nonce = sealedBytes.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), subject.ToByteArray());
            return Prefix + Convert.ToBase64String(sealedBytes);
        }
    }

    /// <summary>Unseals fields of one subject; with no key (erased) every sealed field reads <see cref="Erased"/>.</summary>
    public sealed class Unsealer(Guid subject, byte[]? key)
    {
        public bool IsErased => key is null;

        /// <summary>The plain text; a value that is not sealed (written before sealing, or masked) as it is.</summary>
        public string? Unseal(string? value)
        {
            if (!IsSealed(value))
            {
                return value;
            }

            if (key is null)
            {
                return Erased;
            }

            var sealedBytes = Convert.FromBase64String(value![Prefix.Length..]);
            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, subject.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
    }
}

/// <summary>
/// A read model of one subject's stream that opens the personal fields <typeparamref name="TSealed"/> carries: the
/// keys of a batch's new subjects are read in one query before the batch is applied (<see cref="PersonalData.PrefetchAsync"/>).
/// </summary>
public abstract class PersonalDataProjection<TDoc, TSealed> : SingleStreamProjection<TDoc, Guid>
    where TDoc : notnull
{
    public override Task EnrichEventsAsync(SliceGroup<TDoc, Guid> group, IQuerySession querySession, CancellationToken cancellation) =>
        PersonalData.PrefetchAsync(querySession, group.Slices.Where(s => s.Events().Any(e => e.Data is TSealed)).Select(s => s.Id), cancellation);
}
