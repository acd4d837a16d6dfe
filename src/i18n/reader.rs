//! What screen-reader mode says (`--screen-reader`), in every language of the
//! interface. A data table: one value a language, every field filled.

/// The sentences of screen-reader mode in one language.
#[derive(Debug, Clone, Copy)]
pub struct ReaderMessages {
    /// The first line: what this is.
    pub title: &'static str,
    /// Before the menu.
    pub menu: &'static str,
    /// Menu: the hotlines, with their count.
    pub hotlines: &'static str,
    /// Menu: the roles and what each can do, with their count.
    pub roles: &'static str,
    /// Menu: help.
    pub help: &'static str,
    /// Menu: switch to the other language, written in that language ("Español").
    pub other_language: &'static str,
    /// After the menu and after every list.
    pub how: &'static str,
    /// The hotlines list's heading.
    pub hotlines_heading: &'static str,
    /// The roles list's heading.
    pub roles_heading: &'static str,
    /// After a record: numbers still choose from the list before.
    pub after_record: &'static str,
    /// A number that is not in the last list (`{n}`).
    pub no_such_number: &'static str,
    /// Search: how many results (`{count}`, `{query}`).
    pub results: &'static str,
    /// Search: nothing found (`{query}`).
    pub no_results: &'static str,
    /// Search: more results than listed (`{shown}`).
    pub more_results: &'static str,
    /// A long section: how many are listed (`{shown}` of `{count}`).
    pub more_listed: &'static str,
    /// Help, line by line.
    pub help_lines: &'static [&'static str],
    /// Kiosk: the operator PIN prompt.
    pub pin_prompt: &'static str,
    /// Kiosk: a wrong PIN.
    pub pin_wrong: &'static str,
    /// Kiosk: a wait before the next PIN (`{seconds}`).
    pub pin_wait: &'static str,
    /// The prompt before what is typed.
    pub prompt: &'static str,
}

/// English.
pub const EN: ReaderMessages = ReaderMessages {
    title: "heatwatch, screen reader mode.",
    menu: "Menu:",
    hotlines: "Hotlines ({count})",
    roles: "Roles: what to do ({count})",
    help: "Help",
    other_language: "Español",
    how: "Type a number and press Enter, or type words to search. m: menu.",
    hotlines_heading: "Hotlines:",
    roles_heading: "Roles:",
    after_record: "Numbers still choose from the list before. r: repeat that list. m: menu.",
    no_such_number: "There is no number {n} in the last list. r: repeat the list. m: menu.",
    results: "{count} results for \"{query}\":",
    no_results: "Nothing found for \"{query}\". Try other words, or m for the menu.",
    more_results: "The first {shown} are listed. Add words to narrow the search.",
    more_listed: "The first {shown} of {count} are listed. Type words to search them all.",
    help_lines: &[
        "Type a number from the last list and press Enter to open it.",
        "Type words and press Enter to search: names, numbers, what you need.",
        "m: the menu. r: repeat the last list. h: this help. q: quit (not at a kiosk).",
        "Ctrl-X: leave at once; the screen and its scrollback are cleared.",
        "Backspace deletes a character, Ctrl-U the whole line, Ctrl-W the last word.",
    ],
    pin_prompt: "Operator PIN, then Enter (not shown as you type):",
    pin_wrong: "Wrong PIN.",
    pin_wait: "Wait {seconds} seconds before the next try.",
    prompt: "> ",
};

/// Spanish.
pub const ES: ReaderMessages = ReaderMessages {
    title: "heatwatch, modo para lector de pantalla.",
    menu: "Menú:",
    hotlines: "Líneas de ayuda ({count})",
    roles: "Funciones: qué hacer ({count})",
    help: "Ayuda",
    other_language: "English",
    how: "Escriba un número y pulse Intro, o escriba palabras para buscar. m: menú.",
    hotlines_heading: "Líneas de ayuda:",
    roles_heading: "Funciones:",
    after_record: "Los números siguen eligiendo de la lista anterior. r: repetir esa lista. m: menú.",
    no_such_number: "No hay un número {n} en la última lista. r: repetir la lista. m: menú.",
    results: "{count} resultados para \"{query}\":",
    no_results: "No se encontró nada para \"{query}\". Pruebe otras palabras, o m para el menú.",
    more_results: "Se muestran los primeros {shown}. Añada palabras para afinar la búsqueda.",
    more_listed: "Se muestran los primeros {shown} de {count}. Escriba palabras para buscar entre todos.",
    help_lines: &[
        "Escriba un número de la última lista y pulse Intro para abrirlo.",
        "Escriba palabras y pulse Intro para buscar: nombres, números, lo que necesita.",
        "m: el menú. r: repetir la última lista. h: esta ayuda. q: salir (no en un quiosco).",
        "Ctrl-X: salir de inmediato; se borran la pantalla y su historial.",
        "Retroceso borra un carácter, Ctrl-U toda la línea, Ctrl-W la última palabra.",
    ],
    pin_prompt: "PIN del operador y después Intro (no se muestra al escribir):",
    pin_wrong: "PIN incorrecto.",
    pin_wait: "Espere {seconds} segundos antes de volver a intentarlo.",
    prompt: "> ",
};

/// The sentences in `code`'s language (English when there are none in it).
#[must_use]
pub fn for_language(code: &str) -> &'static ReaderMessages {
    match code {
        "es" => &ES,
        _ => &EN,
    }
}
