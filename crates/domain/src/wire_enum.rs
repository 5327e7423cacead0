//! `wire_enum!`: one declaration per enum that is written on the wire or in storage.
//!
//! Each variant is declared once, with its doc comment and its wire name; the list of values,
//! the names, parsing and display all follow from that declaration, so a value cannot be added
//! to the enum and forgotten in `parse`, in `ALL` or in an "expected one of" message.
//!
//! ```text
//! wire_enum! {
//!     /// Doc of the enum.
//!     #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
//!     pub enum Colour {
//!         /// Doc of the variant.
//!         Red = "red",
//!         /// ...
//!         Green = "green",
//!     }
//! }
//! ```
//!
//! The attributes given (derives, `#[default]` on a variant, ...) are kept as written. The
//! generated items are:
//!
//! - `ALL`: every value, in declaration order (the order the wire lists them in);
//! - `as_str(self)`: the wire name;
//! - `parse(raw)`: the value with exactly that wire name (no trimming, case-sensitive);
//! - `index(self)`: the position in `ALL`;
//! - `names()`: every wire name joined by `", "`, for "expected one of: ..." messages;
//! - `Display`, writing the wire name.

/// Declares a wire enum; see the module docs.
macro_rules! wire_enum {
    (@names $first:literal $($rest:literal)*) => {
        concat!($first $(, ", ", $rest)*)
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order: the order the wire lists them in.
            pub const ALL: [Self; [$($wire),+].len()] = [$(Self::$variant),+];

            /// The wire (and storage) name.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                }
            }

            /// Parses a wire name: exact, so no trimming and no case folding.
            #[must_use]
            pub fn parse(raw: &str) -> Option<Self> {
                match raw {
                    $($wire => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// Position in [`Self::ALL`], to index per-value arrays.
            #[must_use]
            pub const fn index(self) -> usize {
                // The macro allows no explicit discriminants, so the discriminant is the
                // declaration position, which is the position in `ALL`.
                self as usize
            }

            /// Every wire name in [`Self::ALL`] order, joined by `", "`: the list an
            /// "expected one of: ..." message shows.
            #[must_use]
            pub const fn names() -> &'static str {
                $crate::wire_enum::wire_enum!(@names $($wire)+)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    wire_enum! {
        /// A test enum with a default, to show attributes pass through.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        enum Fruit {
            /// An apple.
            Apple = "apple",
            /// A pear, the default.
            #[default]
            Pear = "pear",
            /// A plum.
            Plum = "PLUM",
        }
    }

    wire_enum! {
        /// A single value: no separator at all.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Only {
            /// The one.
            One = "one"
        }
    }

    #[test]
    fn everything_follows_the_declaration() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Pear, Fruit::Plum]);
        assert_eq!(Fruit::names(), "apple, pear, PLUM");
        assert_eq!(Fruit::default(), Fruit::Pear);
        for (i, fruit) in Fruit::ALL.into_iter().enumerate() {
            assert_eq!(fruit.index(), i);
            assert_eq!(Fruit::parse(fruit.as_str()), Some(fruit));
            assert_eq!(fruit.to_string(), fruit.as_str());
        }
        assert_eq!(Only::ALL, [Only::One]);
        assert_eq!(Only::names(), "one");
        assert_eq!(Only::parse("one").map(Only::index), Some(0));
    }

    #[test]
    fn parse_is_exact() {
        assert_eq!(Fruit::parse("PLUM"), Some(Fruit::Plum));
        for bad in ["plum", "Apple", " apple", "apple ", "", "apple, pear"] {
            assert_eq!(Fruit::parse(bad), None, "{bad:?}");
        }
    }
}
