import { wordList } from '../normalise/text';

export interface CountryNames {
  given: readonly string[];
  family: readonly string[];
  /** E-mail domains people of the country commonly use. */
  mailDomains: readonly string[];
}

/**
 * Small lists of common given and family names per guest country, written with their accents and
 * scripts so the generator exercises folding and transliteration. `XX` serves every other country.
 */
const LISTS: Record<string, [string, string, string]> = {
  PT: [
    'João Maria José Ana Luís Inês Tomás Beatriz Gonçalo Conceição Rui Mariana',
    `Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Gonçalves Simões Araújo
     Lopes`,
    'sapo.pt gmail.com hotmail.com netcabo.pt',
  ],
  GB: [
    'Oliver Amelia George Isla Harry Emily Jack Sophie Charlotte James Olivia Thomas',
    `Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans`,
    'gmail.com hotmail.co.uk btinternet.com outlook.com',
  ],
  FR: [
    'Hélène Léa Chloé Louis Gabriel Jules Élodie Théo Camille Manon Étienne Françoise',
    'Martin Bernard Dubois Thomas Robert Richard Petit Durand Lefèvre Moreau Girard Dupré',
    'orange.fr free.fr gmail.com laposte.net',
  ],
  ES: [
    'José Lucía Martín Sofía Hugo María Álvaro Paula Javier Nuria Íñigo Carmen',
    `García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Muñoz Jiménez
     Ruiz`,
    'gmail.com hotmail.es telefonica.net yahoo.es',
  ],
  DE: [
    'Jürgen Anna Lukas Sophie Maximilian Marie Jörg Lena Felix Käthe Paul Hannah',
    'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schäfer Koch Groß Köhler',
    'web.de gmx.de t-online.de gmail.com',
  ],
  IT: [
    `Giuseppe Giulia Francesco Chiara Alessandro Sofia Lorenzo Martina Niccolò Aurora Matteo
     Gaia`,
    'Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo',
    'libero.it gmail.com tiscali.it alice.it',
  ],
  IE: [
    'Seán Aoife Conor Saoirse Liam Niamh Darragh Ciara Oisín Róisín Cian Emma',
    "Murphy Kelly O'Sullivan Walsh Smith O'Brien Byrne Ryan O'Connor O'Neill Doyle McCarthy",
    'eircom.net gmail.com hotmail.com',
  ],
  BE: [
    'Lucas Emma Louis Olivia Noah Louise Arthur Mila Jules Elise Victor Juliette',
    'Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert Dupont',
    'skynet.be telenet.be gmail.com',
  ],
  BR: [
    'João Maria Pedro Ana Lucas Júlia Gabriel Letícia Matheus Beatriz Rafael Camila',
    'Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Araújo Ribeiro',
    'uol.com.br gmail.com bol.com.br hotmail.com',
  ],
  NL: [
    'Daan Emma Sem Julia Lucas Mila Levi Tess Finn Sophie Bram Anna',
    `de Jong Jansen de Vries van den Berg van Dijk Bakker Janssen Visser Smit Meijer de Boer
     Mulder`,
    'ziggo.nl kpnmail.nl gmail.com',
  ],
  US: [
    `Michael Jennifer James Jessica Robert Ashley William Emily David Sarah Christopher
     Elizabeth`,
    'Smith Johnson Williams Brown Jones Miller Davis Garcia Rodriguez Wilson Anderson Taylor',
    'gmail.com yahoo.com aol.com outlook.com',
  ],
  CH: [
    'Noah Mia Luca Emma Leon Lina Elias Léa Matteo Zoé Nico Laura',
    'Müller Meier Schmid Keller Weber Huber Schneider Meyer Steiner Fischer Gerber Brunner',
    'bluewin.ch gmx.ch gmail.com',
  ],
  CN: [
    'Wei Fang Min Jing Lei Yan Jun Li Hui Xin Yong Ling',
    'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun',
    'qq.com 163.com 126.com gmail.com',
  ],
  AT: [
    `Maximilian Anna Lukas Sophie Jakob Lena Tobias Hannah Florian Katharina Günther
     Marlene`,
    'Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger',
    'gmx.at aon.at chello.at gmail.com',
  ],
  SE: [
    'Erik Anna Lars Maria Karl Eva Anders Karin Johan Sara Åsa Björn',
    `Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
     Lindström Åberg`,
    'telia.com gmail.com hotmail.se',
  ],
  PL: [
    'Piotr Anna Krzysztof Maria Andrzej Katarzyna Tomasz Małgorzata Paweł Agnieszka Łukasz Zofia',
    `Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
     Dąbrowski Król`,
    'wp.pl onet.pl gmail.com o2.pl',
  ],
  RU: [
    'Алексей Мария Дмитрий Анна Сергей Елена Иван Ольга Андрей Наталья Михаил Татьяна',
    `Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Федоров Морозов
     Волков`,
    'mail.ru yandex.ru gmail.com',
  ],
  XX: [
    'Adam Sara Omar Leila David Maya Ali Nina Daniel Hana Samuel Yara',
    'Khan Cohen Haddad Nguyen Kim Singh Park Tanaka Costa Novak Horvat Rahman',
    'gmail.com outlook.com yahoo.com',
  ],
};

export const COUNTRY_NAMES: ReadonlyMap<string, CountryNames> = new Map(
  Object.entries(LISTS).map(([country, [given, family, mailDomains]]) => [
    country,
    {
      given: wordList(given),
      family: familyNames(family),
      mailDomains: wordList(mailDomains),
    },
  ]),
);

/** Family names may have particles ("de Jong", "van den Berg"): they stay one name. */
function familyNames(text: string): string[] {
  const names: string[] = [];
  let particles: string[] = [];
  for (const word of wordList(text)) {
    if (['de', 'van', 'den', 'der'].includes(word)) {
      particles.push(word);
      continue;
    }
    names.push([...particles, word].join(' '));
    particles = [];
  }
  return names;
}

export function namesFor(country: string): CountryNames {
  return COUNTRY_NAMES.get(country) ?? (COUNTRY_NAMES.get('XX') as CountryNames);
}
