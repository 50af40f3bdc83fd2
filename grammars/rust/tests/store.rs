// hive: relpath=src/store/mod.rs module=store
//! A key-value store — «non-ASCII» text on purpose: ünïcödé ✓.

use std::collections::HashMap;
// <- import HashMap module=std::collections name=HashMap
use std::fmt::{self, Display, Write as _};
// <- import self module=std::fmt name=self
//                   ^ import Display module=std::fmt name=Display
//                             ^ import _ module=std::fmt name=Write alias=_
use crate::codec::{decode, encode as enc, json::Value};
// <- import decode module=crate::codec name=decode
//                          ^ import enc module=crate::codec name=encode alias=enc
//                                        ^ import json::Value module=crate::codec name=json::Value
use super::Config as Settings;
// <- import Settings module=super name=Config alias=Settings
use self::backend::*;
// <- import "" module=self::backend wildcard=true
use serde;
// <- import serde module=serde
extern crate log as logging;
// <- import logging module=log alias=logging

mod backend;
// <- import backend module=backend
//  ^ !reference.type

/// Most entries a store keeps.
pub const CAPACITY: usize = 1024;
//        ^ definition.constant CAPACITY doc="Most entries a store keeps." sig="pub const CAPACITY: usize = 1024;"
//                  ^ !reference.type

static mut OPENED: u32 = 0;
//         ^ definition.constant OPENED
static verbose: bool = false;
//     ^ definition.variable verbose

/// Where a value is kept.
/// Second line.
#[derive(Debug, Clone)]
pub struct Store<K> {
    //     ^ definition.struct Store doc="Where a value is kept.\nSecond line." sig="pub struct Store<K>"
    /// The entries.
    entries: HashMap<K, Value>,
    // <- definition.field Store.entries doc="The entries." parent=Store
    //       ^ reference.type HashMap
    //                  ^ reference.type Value
    pub name: String,
    //  ^ definition.field Store.name
}

struct Pair(u32, u32);
//     ^ definition.struct Pair sig="struct Pair"

pub union Bits {
    //    ^ definition.struct Bits
    raw: u64,
    // <- definition.field Bits.raw
}

/// What a lookup found.
pub enum Entry {
    //   ^ definition.enum Entry doc="What a lookup found."
    /// Nothing there.
    Vacant,
    // <- definition.enum_member Entry.Vacant doc="Nothing there." parent=Entry
    Occupied { key: String, hits: u32 },
    // <- definition.enum_member Entry.Occupied
    //         ^ definition.field Entry.Occupied.key parent=Occupied
    //                      ^ definition.field Entry.Occupied.hits
    Moved(usize),
    // <- definition.enum_member Entry.Moved
}

/// Something that can hold values.
pub trait Backend: Clone + fmt::Debug {
    //    ^ definition.trait Backend doc="Something that can hold values." sig="pub trait Backend: Clone + fmt::Debug"
    //             ^ reference.inherit Clone
    //                          ^ reference.inherit Debug receiver=fmt
    type Key;
    //   ^ definition.type Backend.Key parent=Backend
    const LIMIT: usize;
    //    ^ definition.constant Backend.LIMIT

    /// Reads one value.
    fn get(&self, key: &Self::Key) -> Option<Value>;
    // ^ definition.method Backend.get doc="Reads one value." parent=Backend
    //                        ^ reference.type Key receiver=Self

    fn size(&self) -> usize {
    // ^ definition.method Backend.size sig="fn size(&self) -> usize"
        0
    }
}

pub type Index = HashMap<String, usize>;
//       ^ definition.type Index sig="pub type Index = HashMap<String, usize>;"
//               ^ reference.type HashMap

impl<K: Display> Store<K> {
    //           ^ reference.type Store
    //  ^ reference.type Display
    /// An empty store.
    pub fn new(name: &str) -> Self {
        // ^ definition.method Store.new doc="An empty store." parent="" sig="pub fn new(name: &str) -> Self"
        Self::check(name);
        //    ^ reference.call check receiver=Self
        Store { entries: HashMap::new(), name: name.to_owned() }
        // <- reference.type Store
        //                        ^ reference.call new receiver=HashMap
    }

    fn check(name: &str) -> bool {
        // ^ definition.method Store.check
        !name.is_empty()
    }

    pub fn put(&mut self, key: K, value: Value) -> Option<Value> {
        // ^ definition.method Store.put
        let encoded = enc(&value);
        //            ^ reference.call enc receiver=""
        self.entries.insert(key, decode(encoded))
        //           ^ reference.call insert receiver=self.entries
    }
}

impl<K> Backend for Store<K> {
    //  ^ reference.inherit Backend
    //                  ^ reference.type Store
    type Key = K;
    //   ^ definition.type Store.Key
    const LIMIT: usize = CAPACITY;
    //    ^ definition.constant Store.LIMIT

    fn get(&self, key: &K) -> Option<Value> {
    // ^ definition.method Store.get
        let found = self.entries.get(key).cloned();
        //                                ^ reference.call cloned
        found
    }
}

impl fmt::Display for Entry {
//        ^ reference.inherit Display receiver=fmt
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    // ^ definition.method Entry.fmt
        write!(f, "entry")
        // <- reference.call write
    }
}

/// Builds a map literal.
macro_rules! map {
    //       ^ definition.macro map doc="Builds a map literal."
    () => { HashMap::new() };
}

pub fn open(path: &str) -> Result<Store<String>, String> {
    // ^ definition.function open sig="pub fn open(path: &str) -> Result<Store<String>, String>"
    let store = Store::<String>::new(path);
    //                           ^ reference.call new receiver=Store::<String>
    let index: Index = map!();
    //                 ^ reference.call map
    fn helper() {}
    // ^ definition.function open.helper parent=open
    helper();
    // <- reference.call helper
    // store.put() in a comment is no call
    //       ^ !reference.call
    let _ = "open() in a string is no call";
    //       ^ !reference.call
    Ok(store)
}

/// Whether stores open quickly.
#[inline]
#[must_use]
pub fn quick() -> bool {
    // ^ definition.function quick doc="Whether stores open quickly." sig="pub fn quick() -> bool"
    true
}

// a plain comment is no documentation
fn undocumented() {}
//  ^ definition.function undocumented doc=""

pub mod memory {
    //  ^ definition.module memory sig="pub mod memory"
    use super::*;
    //  ^ import "" module=super wildcard=true

    pub fn fresh() -> super::Store<u8> {
        // ^ definition.function memory.fresh parent=memory
        //                   ^ reference.type Store receiver=super
        Store::new("mem")
    }
}

#[cfg(test)]
mod tests {
    // ^ definition.module tests
    #[test]
    fn opens() {
        // ^ definition.function tests.opens
        let opened = crate::store::open("x");
        //                         ^ reference.call open receiver=crate::store
        // names inside a macro's arguments are tokens, not calls
        assert!(opened.is_ok());
        //             ^ !reference.call
    }
}
