using System.Security.Cryptography;
using System.Text;

namespace RedProperty.BuildingBlocks.EventStore;

public static class StreamIds
{
    /// <summary>
    /// The id of a stream that exists once per name (a closed month, an evaluation period): the same
    /// name always gives the same id, so a second start of it fails instead of making a twin.
    /// </summary>
    public static Guid Named(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
}
