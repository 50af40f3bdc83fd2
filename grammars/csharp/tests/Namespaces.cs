// hive: relpath=src/Acme.Shop/Namespaces.cs module=""
using Acme.Core;
// ^ import "" module=Acme.Core wildcard=true

/// <summary>The shop's storage.</summary>
namespace Acme.Shop.Storage
//        ^ definition.namespace Acme.Shop.Storage doc="<summary>The shop's storage.</summary>"
{
    using Money = System.Decimal;
    //    ^ import Money module=System name=Decimal alias=Money

    public interface IRepository<TKey, TValue> : IQueryable<TValue> where TValue : class
    //               ^ definition.interface Acme.Shop.Storage.IRepository
    //                                           ^ reference.inherit IQueryable
    {
        TValue? Find(TKey key);
        //      ^ definition.method Acme.Shop.Storage.IRepository.Find
        // <- reference.type TValue

        event Action<TKey> Removed
        //                 ^ definition.property Acme.Shop.Storage.IRepository.Removed
        {
            add { }
            remove { }
        }
    }

    namespace Files
    //        ^ definition.namespace Acme.Shop.Storage.Files parent=Acme.Shop.Storage
    {
        internal sealed class FileRepository : Base.Repository<string, Cart>, IRepository<string, Cart>
        //                    ^ definition.class Acme.Shop.Storage.Files.FileRepository parent=Files
        //                                          ^ reference.inherit Repository receiver=Base
        //                                                                    ^ reference.inherit IRepository
        {
            private static readonly Dictionary<string, Cart> Cache = new();
            //                                               ^ definition.field Acme.Shop.Storage.Files.FileRepository.Cache

            public Cart? Find(string key)
            //           ^ definition.method Acme.Shop.Storage.Files.FileRepository.Find
            {
                if (Cache.TryGetValue(key, out var found) && found is Cart { Open: true } open)
                //        ^ reference.call TryGetValue receiver=Cache
                {
                    return open.Copy();
                    //          ^ reference.call Copy receiver=open
                }
                return Load(key)?.Check();
                //                ^ reference.call Check receiver="Load(key)"
            }

            public event Action<string>? Removed;
            //                           ^ definition.field Acme.Shop.Storage.Files.FileRepository.Removed
        }
    }
}
